namespace Actors.Supervision;

/// <summary>A cluster file that cannot be used. The message is one line naming the file, the line, the field
/// and the problem, e.g. <c>cluster.json:7: hosts[1].name: host 'h1' is listed twice (first at line 3)</c>.</summary>
public sealed class ClusterFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterFileException(string path, long? line, string? field, string problem, Exception? inner = null)
        : base($"{path}{(line is { } l ? $":{l}" : string.Empty)}: {(field is null ? string.Empty : $"{field}: ")}{problem}", inner)
    {
        Path = path;
        Line = line;
        Field = field;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the problem, where known.</summary>
    public long? Line { get; }

    /// <summary>The JSON path of the field at fault, e.g. <c>hosts[1].capacity.memoryMiB</c>.</summary>
    public string? Field { get; }
}

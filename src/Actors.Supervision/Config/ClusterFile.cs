using System.Text.Json;

namespace Actors.Supervision;

/// <summary>A cluster as an operator writes it down: the hosts (name, driver URI, capacity, labels), how nodes
/// are placed on them, and where the control endpoint and the metrics endpoint listen. Loaded from JSON by <see cref="Load"/>; see
/// <c>deploy/cluster.example.json</c>.</summary>
/// <param name="Hosts">The hosts, in file order.</param>
/// <param name="Strategy">How nodes are placed.</param>
/// <param name="Control">Where the control endpoint listens (loopback only).</param>
public sealed record ClusterFile(IReadOnlyList<HostSpec> Hosts, PlacementStrategy Strategy, Uri Control)
{
    /// <summary>How often each host's agent checks that its driver still answers (<c>hostHeartbeatSeconds</c>).</summary>
    public TimeSpan HostHeartbeat { get; init; } = TimeSpan.FromSeconds(5);

    private readonly Uri? _metrics;

    /// <summary>Where the Prometheus metrics endpoint listens (<c>control.metrics</c>; it serves <c>/metrics</c>):
    /// loopback only, by default the port after the control endpoint's.</summary>
    public Uri Metrics
    {
        get => _metrics ?? new Uri($"http://127.0.0.1:{Control.Port + 1}/");
        init => _metrics = value;
    }

    /// <summary>Where the control endpoint listens unless the file says otherwise.</summary>
    public static Uri DefaultControl { get; } = new("http://127.0.0.1:4040/");

    /// <summary>Reads and checks the cluster file at <paramref name="path"/>; any problem is a
    /// <see cref="ClusterFileException"/> naming the file, line, field and what is wrong.</summary>
    public static ClusterFile Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterFileException(path, null, null, $"cannot be read: {e.Message}", e);
        }

        return Parse(path, bytes);
    }

    /// <summary>Checks the JSON in <paramref name="utf8"/> as if read from <paramref name="path"/>.</summary>
    public static ClusterFile Parse(string path, ReadOnlySpan<byte> utf8)
    {
        var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), options);
        }
        catch (JsonException e)
        {
            var problem = e.Message.Split(" LineNumber:", 2)[0].TrimEnd(' ', '.');
            throw new ClusterFileException(path, e.LineNumber + 1, null, $"is not valid JSON: {problem}", e);
        }

        using (document)
        {
            var lines = JsonLines.Index(utf8, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return new ClusterFileReader(path, lines).Read(document.RootElement);
        }
    }
}

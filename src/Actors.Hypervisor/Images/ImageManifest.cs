using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Hypervisor;

/// <summary>What a baked image holds (<c>manifest.json</c>): the service, its version, the kernel command line
/// the init needs, the resources a node asks for, and every layer with its SHA-256 and size. Drivers read it to
/// attach the read-only layers as disks (runtime first, then service) and verify every hash before a boot.</summary>
public sealed record ImageManifest
{
    /// <summary>The manifest's file name in an image directory.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The format this code writes and reads.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The manifest format.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The service the image runs.</summary>
    public required string Service { get; init; }

    /// <summary>The service's version (its assembly's informational version).</summary>
    public required string Version { get; init; }

    /// <summary>Words the init needs on the kernel command line (which service to run, ...); drivers put them first.</summary>
    public required string KernelCommandLine { get; init; }

    /// <summary>Memory in MiB a node of the service asks for.</summary>
    public required int MemoryMiB { get; init; }

    /// <summary>Virtual CPUs a node of the service asks for.</summary>
    public required int VCpus { get; init; }

    /// <summary>Every file of the image that is content: kernel, init, runtime layer, service layer.</summary>
    public required IReadOnlyList<ImageLayer> Layers { get; init; }

    /// <summary>Domain descriptors written beside the manifest, by kind (<c>xen</c>, <c>qemu</c>, <c>xl</c>).</summary>
    public IReadOnlyDictionary<string, string> Descriptors { get; init; } = new Dictionary<string, string>();

    /// <summary>The read-only disks, in the order the init expects them: the runtime layer, then the service layer.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Disks =>
        [.. Layers.Where(l => l.Role == ImageLayer.Runtime).Concat(Layers.Where(l => l.Role == ImageLayer.ServiceRole)).Select(l => l.File)];

    /// <summary>Writes the manifest into <paramref name="directory"/>.</summary>
    public void Write(string directory) => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The manifest as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the manifest of the image in <paramref name="directory"/>; throws
    /// <see cref="InvalidImageException"/> naming the file and what is wrong.</summary>
    public static ImageManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidImageException(directory, $"no {FileName}: not a baked image (actors build makes one)");
        }

        ImageManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ImageManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidImageException(directory, $"{FileName} is not a valid manifest: {e.Message}");
        }

        return manifest switch
        {
            null => throw new InvalidImageException(directory, $"{FileName} is empty"),
            { Format: not CurrentFormat } => throw new InvalidImageException(directory, $"{FileName} has format {manifest.Format}; this version reads {CurrentFormat}"),
            _ when manifest.Layers.FirstOrDefault(l => !IsPlainName(l.File)) is { } bad =>
                throw new InvalidImageException(directory, $"{FileName}: layer '{bad.Role}' names '{bad.File}', which is not a file name inside the image"),
            _ when manifest.Layers.FirstOrDefault(l => l.Sha256.Length != 64 || !l.Sha256.All(char.IsAsciiHexDigitLower)) is { } bad =>
                throw new InvalidImageException(directory, $"{FileName}: layer '{bad.Role}' has SHA-256 '{bad.Sha256}', not 64 lowercase hex digits"),
            _ => manifest,
        };
    }

    private static bool IsPlainName(string file) =>
        file.Length > 0 && file == Path.GetFileName(file) && file is not "." and not "..";
}

/// <summary>One file of an image and its content hash.</summary>
/// <param name="Role">kernel, init, runtime or service.</param>
/// <param name="File">The file's name in the image directory.</param>
/// <param name="Sha256">Its SHA-256, lowercase hex.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record ImageLayer(string Role, string File, string Sha256, long Size)
{
    /// <summary>The kernel's role.</summary>
    public const string Kernel = "kernel";

    /// <summary>The initrd's role.</summary>
    public const string Init = "init";

    /// <summary>The shared runtime layer's role.</summary>
    public const string Runtime = "runtime";

    /// <summary>The service layer's role.</summary>
    public const string ServiceRole = "service";
}

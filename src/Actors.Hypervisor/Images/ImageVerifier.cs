using System.Security.Cryptography;

namespace Actors.Hypervisor;

/// <summary>Checks a baked image against its manifest: every layer present, of its size, with its SHA-256.</summary>
public static class ImageVerifier
{
    /// <summary>Verifies the image in <paramref name="directory"/> and returns its manifest; throws
    /// <see cref="InvalidImageException"/> naming each layer that fails and how.</summary>
    public static async Task<ImageManifest> VerifyAsync(string directory, CancellationToken cancellationToken = default)
    {
        var manifest = ImageManifest.Read(directory);
        var problems = new List<string>();
        foreach (var layer in manifest.Layers)
        {
            if (await ProblemAsync(directory, layer, cancellationToken) is { } problem)
            {
                problems.Add($"layer '{layer.Role}' ({layer.File}) {problem}");
            }
        }

        return problems.Count == 0 ? manifest : throw new InvalidImageException(directory, string.Join("; ", problems));
    }

    private static async Task<string?> ProblemAsync(string directory, ImageLayer layer, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, layer.File);
        if (!File.Exists(path))
        {
            return "is missing";
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        if (file.Length != layer.Size)
        {
            return $"is {file.Length} bytes; the manifest says {layer.Size}";
        }

        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        return hash == layer.Sha256 ? null : $"has SHA-256 {hash}; the manifest says {layer.Sha256}";
    }
}

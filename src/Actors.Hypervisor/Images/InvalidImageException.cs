namespace Actors.Hypervisor;

/// <summary>An image directory is not a usable baked image: no or a bad manifest, a missing layer, or a layer
/// whose size or SHA-256 is not what the manifest says (tampered or truncated). The message names the image.</summary>
public sealed class InvalidImageException(string directory, string message)
    : Exception($"image '{directory}': {message}")
{
    /// <summary>The image directory.</summary>
    public string Directory { get; } = directory;
}

namespace Actors.Images;

/// <summary>What a build made.</summary>
/// <param name="Images">One image per service.</param>
/// <param name="RuntimeReused">Whether the runtime layer came from the store rather than being published.</param>
/// <param name="Elapsed">How long the build took.</param>
public sealed record BuildResult(IReadOnlyList<BuiltImage> Images, bool RuntimeReused, TimeSpan Elapsed);

/// <summary>One baked image.</summary>
/// <param name="Directory">Its directory.</param>
/// <param name="Manifest">Its manifest.</param>
public sealed record BuiltImage(string Directory, ImageManifest Manifest)
{
    /// <summary>The total size of its layers in bytes.</summary>
    public long Size => Manifest.Layers.Sum(l => l.Size);
}

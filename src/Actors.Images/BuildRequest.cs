namespace Actors.Images;

/// <summary>What to bake: the application's project, which of its services (all when null), where the images go,
/// the store, the kernel and the node host project the runtime layer is published from.</summary>
public sealed record BuildRequest
{
    /// <summary>The application's project file (or its directory).</summary>
    public required string Project { get; init; }

    /// <summary>The directory that receives one image directory per service.</summary>
    public required string Output { get; init; }

    /// <summary>Bake only this service; all of the catalog's when null.</summary>
    public string? Service { get; init; }

    /// <summary>A bzImage named vmlinuz-VERSION with its modules in /lib/modules/VERSION; the newest installed when null.</summary>
    public string? Kernel { get; init; }

    /// <summary>The content-addressed store; <see cref="LayerStore.Default"/> when null.</summary>
    public LayerStore? Store { get; init; }

    /// <summary>The node host project; found beside this program's sources when null.</summary>
    public string? NodeHostProject { get; init; }
}

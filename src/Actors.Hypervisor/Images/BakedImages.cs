namespace Actors.Hypervisor;

/// <summary>How a driver that boots image directories (QEMU, libvirt) treats a baked image: its
/// layers become the first read-only disks and its command line words come first; before each boot every layer
/// is verified against the manifest. Images on another machine (a remote libvirt host's paths) are left to that
/// host: only a manifest this process can read is applied and verified.</summary>
internal static class BakedImages
{
    /// <summary>The spec with the image's manifest applied, and the image directory if it is a baked one.</summary>
    public static (DomainSpec Spec, string? Baked) Apply(Uri uri, DomainSpec spec)
    {
        if (string.IsNullOrEmpty(spec.Image) || !File.Exists(ImageLayout.Manifest(spec.Image)))
        {
            return (spec, null);
        }

        var directory = Path.GetFullPath(spec.Image);
        try
        {
            var manifest = ImageManifest.Read(directory);
            return (spec with
            {
                ReadOnlyDisks = [.. manifest.Disks.Select(d => Path.Combine(directory, d)), .. spec.ReadOnlyDisks],
                KernelCommandLine = $"{manifest.KernelCommandLine} {spec.KernelCommandLine}".Trim(),
            }, directory);
        }
        catch (InvalidImageException e)
        {
            throw new InvalidDomainSpecException(uri, spec.Name, e.Message);
        }
    }

    /// <summary>Verifies the baked image of domain <paramref name="name"/>; throws <see cref="ImageRejectedException"/>.</summary>
    public static async Task VerifyAsync(Uri uri, string name, string image, CancellationToken cancellationToken)
    {
        try
        {
            await ImageVerifier.VerifyAsync(image, cancellationToken);
        }
        catch (InvalidImageException e)
        {
            throw new ImageRejectedException(uri, name, e);
        }
    }
}

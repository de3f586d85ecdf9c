namespace Actors.Hypervisor;

/// <summary>An image directory as the QEMU driver boots it (<see cref="DomainSpec.Image"/>), in
/// <see cref="ImageLayout"/>: <c>vmlinux</c> (uncompressed, booted directly through its PVH entry by
/// <c>-M microvm</c>: no bzImage decompression, which costs ~3.4 s under TCG) and <c>initrd.img</c> (whose init must
/// load the modules it needs: with the Debian kernel <c>virtio_mmio</c>, <c>virtio_blk</c>, ..., and <c>button</c> to
/// hear the ACPI power button the driver presses for a graceful shutdown).
/// A baked image also has a <see cref="ImageManifest"/>: its layers become the first read-only disks and its
/// command line words come first; the driver verifies every layer's hash before each boot.
/// <see cref="DomainSpec.ReadOnlyDisks"/> are paths, absolute or relative to the image directory, attached after
/// the image's own as <c>virtio-blk-device</c>s with <c>readonly=on</c>; the guest finds them through ACPI once it
/// loads <c>virtio_mmio</c>.</summary>
/// <param name="Directory">The image directory, absolute.</param>
/// <param name="Manifest">The baked image's manifest, or null for a bare kernel + initrd.</param>
internal sealed record QemuImage(string Directory, ImageManifest? Manifest = null)
{
    public string Kernel => ImageLayout.Kernel(Directory);

    public string Initrd => ImageLayout.Initrd(Directory);

    /// <summary>Reads the spec's image, or says what is missing (for <see cref="InvalidDomainSpecException"/>).</summary>
    public static QemuImage From(DomainSpec spec, out string? problem)
    {
        var directory = Path.GetFullPath(string.IsNullOrEmpty(spec.Image) ? "." : spec.Image);
        ImageManifest? manifest = null;
        if (File.Exists(ImageLayout.Manifest(directory)))
        {
            try
            {
                manifest = ImageManifest.Read(directory);
            }
            catch (InvalidImageException e)
            {
                problem = e.Message;
                return new QemuImage(directory);
            }
        }

        var image = new QemuImage(directory, manifest);
        problem = spec switch
        {
            { Image: null or "" } => $"image is empty; the QEMU driver needs an image directory holding {ImageLayout.KernelFile} and {ImageLayout.InitrdFile}",
            _ when !File.Exists(image.Kernel) => $"image '{spec.Image}' has no {ImageLayout.KernelFile}",
            _ when !File.Exists(image.Initrd) => $"image '{spec.Image}' has no {ImageLayout.InitrdFile}",
            _ => image.Disks(spec).FirstOrDefault(d => !File.Exists(d)) is { } disk ? $"read-only disk '{disk}' does not exist" : null,
        };
        return image;
    }

    public IEnumerable<string> Disks(DomainSpec spec) =>
        (Manifest?.Disks ?? []).Concat(spec.ReadOnlyDisks).Select(d => Path.GetFullPath(d, Directory));

    /// <summary>The spec as the guest sees it: the manifest's command line words before the spec's own.</summary>
    public DomainSpec Apply(DomainSpec spec) => Manifest is { } m
        ? spec with { KernelCommandLine = $"{m.KernelCommandLine} {spec.KernelCommandLine}".Trim() }
        : spec;
}

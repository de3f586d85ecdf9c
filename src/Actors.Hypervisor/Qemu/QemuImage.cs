namespace Actors.Hypervisor;

/// <summary>An image directory as the QEMU driver boots it (<see cref="DomainSpec.Image"/>), in
/// <see cref="ImageLayout"/>: <c>vmlinux</c> (uncompressed, booted directly through its PVH entry by
/// <c>-M microvm</c>: no bzImage decompression, which costs ~3.4 s under TCG) and <c>initrd.img</c> (whose init must
/// load the modules it needs: with the Debian kernel <c>virtio_mmio</c>, <c>virtio_blk</c>, ..., and <c>button</c> to
/// hear the ACPI power button the driver presses for a graceful shutdown).
/// A baked image (one with a <see cref="ImageManifest"/>) is applied to the spec at define by
/// <see cref="BakedImages"/>, as for libvirt: its layers become the first disks, its words come first, and every
/// layer is verified before each boot.
/// <see cref="DomainSpec.ReadOnlyDisks"/> are paths, absolute or relative to the image directory, attached after
/// the image's own as <c>virtio-blk-device</c>s with <c>readonly=on</c>; the guest finds them through ACPI once it
/// loads <c>virtio_mmio</c>.</summary>
/// <param name="Directory">The image directory, absolute.</param>
/// <param name="Baked">Whether the directory is a baked image (verified before each boot).</param>
internal sealed record QemuImage(string Directory, bool Baked = false)
{
    public string Kernel => ImageLayout.Kernel(Directory);

    public string Initrd => ImageLayout.Initrd(Directory);

    /// <summary>Reads the spec's image, or says what is missing (for <see cref="InvalidDomainSpecException"/>).</summary>
    public static QemuImage From(DomainSpec spec, bool baked, out string? problem)
    {
        var image = new QemuImage(Path.GetFullPath(string.IsNullOrEmpty(spec.Image) ? "." : spec.Image), baked);
        problem = spec switch
        {
            { Image: null or "" } => $"image is empty; the QEMU driver needs an image directory holding {ImageLayout.KernelFile} and {ImageLayout.InitrdFile}",
            _ when !File.Exists(image.Kernel) => $"image '{spec.Image}' has no {ImageLayout.KernelFile}",
            _ when !File.Exists(image.Initrd) => $"image '{spec.Image}' has no {ImageLayout.InitrdFile}",
            _ => image.Disks(spec).FirstOrDefault(d => !File.Exists(d)) is { } disk ? $"read-only disk '{disk}' does not exist" : null,
        };
        return image;
    }

    public IEnumerable<string> Disks(DomainSpec spec) => spec.ReadOnlyDisks.Select(d => Path.GetFullPath(d, Directory));
}

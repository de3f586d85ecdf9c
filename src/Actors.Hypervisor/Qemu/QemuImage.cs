namespace Actors.Hypervisor;

/// <summary>An image directory as the QEMU driver boots it (<see cref="DomainSpec.Image"/>). The layout:
/// <list type="bullet">
/// <item><c>vmlinux</c>: an uncompressed x86-64 ELF kernel carrying the PVH entry note (Xen's
/// <c>XEN_ELFNOTE_PHYS32_ENTRY</c>), which <c>-M microvm</c> boots directly: no bzImage decompression, which costs
/// ~3.4 s under TCG. The same file boots as a Xen PVH guest.</item>
/// <item><c>initrd.cpio.gz</c>: the initramfs, a gzip-compressed cpio (newc) archive whose <c>/init</c> is PID 1.
/// It must load the modules it needs (with the Debian kernel: <c>virtio_mmio</c>, <c>virtio_blk</c>, ..., and
/// <c>button</c> to hear the ACPI power button the driver presses for a graceful shutdown).</item>
/// </list>
/// <see cref="DomainSpec.ReadOnlyDisks"/> are paths, absolute or relative to the image directory, attached in
/// order as <c>virtio-blk-device</c>s with <c>readonly=on</c>; the guest finds them through ACPI once it loads
/// <c>virtio_mmio</c>.</summary>
/// <param name="Directory">The image directory, absolute.</param>
internal sealed record QemuImage(string Directory)
{
    public const string KernelFile = "vmlinux";
    public const string InitrdFile = "initrd.cpio.gz";

    public string Kernel => Path.Combine(Directory, KernelFile);

    public string Initrd => Path.Combine(Directory, InitrdFile);

    /// <summary>Reads the spec's image, or says what is missing (for <see cref="InvalidDomainSpecException"/>).</summary>
    public static QemuImage From(DomainSpec spec, out string? problem)
    {
        var image = new QemuImage(Path.GetFullPath(string.IsNullOrEmpty(spec.Image) ? "." : spec.Image));
        problem = spec switch
        {
            { Image: null or "" } => $"image is empty; the QEMU driver needs an image directory holding {KernelFile} and {InitrdFile}",
            _ when !File.Exists(image.Kernel) => $"image '{spec.Image}' has no {KernelFile}",
            _ when !File.Exists(image.Initrd) => $"image '{spec.Image}' has no {InitrdFile}",
            _ => image.Disks(spec).FirstOrDefault(d => !File.Exists(d)) is { } disk ? $"read-only disk '{disk}' does not exist" : null,
        };
        return image;
    }

    public IEnumerable<string> Disks(DomainSpec spec) => spec.ReadOnlyDisks.Select(d => Path.GetFullPath(d, Directory));
}

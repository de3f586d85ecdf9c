namespace Actors.Hypervisor;

/// <summary>The files of an image directory (<see cref="DomainSpec.Image"/>), as every VM driver boots it: the
/// same uncompressed kernel boots through its PVH entry on Xen and on QEMU microvm, the initrd holds the init,
/// and a baked image adds its manifest and its read-only layers (see <see cref="ImageManifest"/>).</summary>
public static class ImageLayout
{
    /// <summary>The kernel's file name: an uncompressed x86-64 ELF <c>vmlinux</c> with the PVH entry note.</summary>
    public const string KernelFile = "vmlinux";

    /// <summary>The initrd's file name: a gzip-compressed cpio (newc) archive whose <c>/init</c> is PID 1.</summary>
    public const string InitrdFile = "initrd.img";

    /// <summary>The kernel of the image at <paramref name="image"/>.</summary>
    public static string Kernel(string image) => Path.Combine(image, KernelFile);

    /// <summary>The initrd of the image at <paramref name="image"/>.</summary>
    public static string Initrd(string image) => Path.Combine(image, InitrdFile);

    /// <summary>The manifest of the image at <paramref name="image"/>, present in baked images.</summary>
    public static string Manifest(string image) => Path.Combine(image, ImageManifest.FileName);
}

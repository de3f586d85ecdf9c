namespace Actors.Hypervisor;

/// <summary>Where a VM domain's boot files sit inside its image directory (<see cref="DomainSpec.Image"/>): the
/// same uncompressed kernel boots through its PVH entry on Xen and on QEMU, and the initrd holds the init.
/// Paths are as the hypervisor's host sees them.</summary>
public static class ImageLayout
{
    /// <summary>The kernel's file name in an image directory.</summary>
    public const string KernelFile = "vmlinux";

    /// <summary>The initrd's file name in an image directory.</summary>
    public const string InitrdFile = "initrd.img";

    /// <summary>The kernel of the image at <paramref name="image"/>.</summary>
    public static string Kernel(string image) => Path.Combine(image, KernelFile);

    /// <summary>The initrd of the image at <paramref name="image"/>.</summary>
    public static string Initrd(string image) => Path.Combine(image, InitrdFile);
}

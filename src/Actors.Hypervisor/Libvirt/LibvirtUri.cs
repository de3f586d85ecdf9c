namespace Actors.Hypervisor;

/// <summary>Which URIs are libvirt's, which kind of domain XML each needs, and the URI libvirt itself sees.</summary>
internal static class LibvirtUri
{
    /// <summary><c>qemu:///system</c> and <c>qemu:///session</c> (and over ssh) go to libvirt; any other <c>qemu://</c>
    /// is the direct QEMU driver's.</summary>
    public static bool IsLibvirtQemu(Uri uri) => uri.AbsolutePath is "/system" or "/session";

    public static LibvirtFlavor FlavorOf(Uri uri) => uri.Scheme switch
    {
        "test" => LibvirtFlavor.Test,
        "qemu" or "qemu+ssh" => LibvirtFlavor.Qemu,
        _ => LibvirtFlavor.Xen,
    };

    /// <summary>The URI without our <c>memory</c> and <c>vcpus</c>; every other parameter (<c>keyfile</c>,
    /// <c>no_verify</c>, <c>socket</c>...) is libvirt's and stays.</summary>
    public static string WithoutCapacity(Uri uri)
    {
        var text = uri.OriginalString;
        var q = text.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return text;
        }

        var kept = text[(q + 1)..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Uri.UnescapeDataString(p.Split('=', 2)[0]) is not ("memory" or "vcpus"))
            .ToList();
        return kept.Count == 0 ? text[..q] : $"{text[..q]}?{string.Join('&', kept)}";
    }
}

/// <summary>The kind of domain a libvirt connection runs.</summary>
internal enum LibvirtFlavor
{
    /// <summary>libvirt's in-process fake hypervisor.</summary>
    Test,

    /// <summary>Xen through libxl: PVH guests.</summary>
    Xen,

    /// <summary>QEMU, with KVM where the host has it.</summary>
    Qemu,
}

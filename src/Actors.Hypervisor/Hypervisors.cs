namespace Actors.Hypervisor;

/// <summary>Opens a hypervisor by URI: <c>inproc://</c>, <c>process://</c>, <c>qemu://</c>, <c>sim://</c>, or a
/// libvirt URI (<c>xen:///system</c>, <c>xen+ssh://host/system</c>, <c>qemu:///system</c>, <c>test:///default</c>).
/// Every driver takes <c>?memory=MiB&amp;vcpus=N</c> as the host's capacity.</summary>
public static class Hypervisors
{
    /// <summary>Opens <paramref name="uri"/>; a URI no driver takes fails with <see cref="HypervisorUriException"/>.</summary>
    public static IHypervisor Open(string uri, HypervisorOptions? options = null)
    {
        options ??= new HypervisorOptions();
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            throw new HypervisorUriException(uri, "is not a URI");
        }

        return parsed.Scheme switch
        {
            "inproc" => InProcHypervisor.Open(parsed, options),
            "process" => ProcessHypervisor.Open(parsed, options),
            "sim" => SimHypervisor.Open(parsed, options),
            "xen" or "xen+ssh" or "xen+tcp" or "test" => LibvirtHypervisor.Open(parsed, options),
            "qemu" or "qemu+ssh" when LibvirtUri.IsLibvirtQemu(parsed) => LibvirtHypervisor.Open(parsed, options),
            "qemu" when IsDirectQemu(parsed) => QemuHypervisor.Open(parsed, options),
            _ => throw new HypervisorUriException(uri, $"names no driver (scheme '{parsed.Scheme}')"),
        };
    }

    /// <summary>Whether <paramref name="uri"/> opens the direct QEMU driver (<c>qemu://</c>, whose VMs use user-mode
    /// networking with forwarded ports) rather than libvirt's <c>qemu:///system</c> or <c>qemu:///session</c>.</summary>
    public static bool IsDirectQemu(Uri uri) => uri.Scheme == "qemu" && !LibvirtUri.IsLibvirtQemu(uri);
}

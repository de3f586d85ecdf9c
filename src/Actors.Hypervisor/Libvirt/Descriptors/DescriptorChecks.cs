using System.Xml;

namespace Actors.Hypervisor;

/// <summary>What a domain descriptor (libvirt XML, xl.cfg) needs of a spec beyond <see cref="DomainSpecValidator"/>:
/// text that XML can carry, absolute paths, network names that cannot smuggle options into an xl vif spec,
/// and every value libvirt's domain schema constrains (a vCPU count it can hold, a unicast MAC), which lets
/// the driver ask libvirt's schema once per <see cref="DomainXmlShape"/>. Failures are
/// <see cref="ArgumentException"/>s naming the field; the driver turns them into
/// <see cref="InvalidDomainSpecException"/>.</summary>
internal static class DescriptorChecks
{
    /// <summary>libvirt's schema keeps <c>&lt;vcpu&gt;</c> to an unsigned short.</summary>
    public const int MaxVCpus = ushort.MaxValue;

    public static void Check(DomainSpec spec, bool needsImage)
    {
        if (spec.VCpus > MaxVCpus)
        {
            throw new ArgumentException($"vcpus is {spec.VCpus}; libvirt takes at most {MaxVCpus}");
        }

        Text("service", spec.Service);
        Text("kernelCommandLine", spec.KernelCommandLine);
        foreach (var (key, value) in spec.Labels)
        {
            Text("label key", key);
            Text($"label '{key}'", value);
        }

        if (needsImage && string.IsNullOrEmpty(spec.Image))
        {
            throw new ArgumentException("image is empty; a VM domain boots the kernel and initrd of an image directory");
        }

        if (spec.Image is not null)
        {
            AbsolutePath("image", spec.Image);
        }

        foreach (var disk in spec.ReadOnlyDisks)
        {
            AbsolutePath("readOnlyDisks", disk);
            if (disk == "/")
            {
                throw new ArgumentException("readOnlyDisks '/' is the root directory, not a disk");
            }
        }

        if (spec.Network is { } net)
        {
            if (net.IsUserMode)
            {
                throw new ArgumentException("network is user-mode, which only the qemu:// driver offers; name a bridge");
            }

            if (NetworkNames.Problem(net) is { } problem)
            {
                throw new ArgumentException(problem);
            }
        }
    }

    private static void Text(string field, string value)
    {
        try
        {
            XmlConvert.VerifyXmlChars(value);
        }
        catch (XmlException)
        {
            throw new ArgumentException($"{field} contains a character XML cannot carry");
        }
    }

    private static void AbsolutePath(string field, string path)
    {
        Text(field, path);
        if (!path.StartsWith('/') || path.Any(char.IsControl))
        {
            throw new ArgumentException($"{field} '{path}' is not an absolute path on the host");
        }
    }
}

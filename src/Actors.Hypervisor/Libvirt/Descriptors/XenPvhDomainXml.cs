using System.Xml.Linq;

namespace Actors.Hypervisor;

/// <summary>libvirt domain XML for a node as a Xen PVH guest (libvirt's libxl driver, <c>xen:///system</c>):
/// direct kernel boot of the image's kernel through its PVH entry, read-only raw disks as xvda, xvdb...,
/// a bridged vif, the console on hvc0, and the service and labels in the domain's metadata.</summary>
public static class XenPvhDomainXml
{
    /// <summary>The domain XML for <paramref name="spec"/>; throws <see cref="ArgumentException"/> naming the field
    /// if the spec cannot be expressed (no image, a relative path, a bad MAC...).</summary>
    public static string Render(DomainSpec spec) => Build(spec).ToString();

    internal static XElement Build(DomainSpec spec)
    {
        DescriptorChecks.Check(spec, needsImage: true);
        var type = new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", "xenpvh"), "xenpvh");
        var devices = new List<XElement>();

        // qdisk serves files from dom0 without a loop device per disk; block devices go through blkback.
        devices.AddRange(DomainXmlParts.ReadOnlyDisks(spec, "xvd", "xen", blockDriver: "phy", fileDriver: "qemu"));
        if (spec.Network is { } net)
        {
            devices.Add(DomainXmlParts.BridgeInterface(net));
        }

        devices.Add(new XElement(
            "console",
            new XAttribute("type", "pty"),
            new XElement("target", new XAttribute("type", "xen"), new XAttribute("port", 0))));
        return DomainXmlParts.Domain("xen", spec, DomainXmlParts.Os(type, spec, console: "hvc0"), [], devices);
    }
}

using System.Xml.Linq;

namespace Actors.Hypervisor;

/// <summary>libvirt domain XML for libvirt's own fake hypervisor (<c>test:///default</c>): the same name, memory,
/// vCPUs, metadata, boot files and devices a real domain would have, with <c>type='test'</c>. The image is
/// optional because nothing boots.</summary>
internal static class TestDomainXml
{
    public static string Render(DomainSpec spec) => Build(spec).ToString();

    public static XElement Build(DomainSpec spec)
    {
        DescriptorChecks.Check(spec, needsImage: false);
        var type = new XElement("type", new XAttribute("arch", "x86_64"), "hvm");
        var devices = new List<XElement>();
        devices.AddRange(DomainXmlParts.ReadOnlyDisks(spec, "vd", "virtio", blockDriver: "qemu", fileDriver: "qemu"));
        if (spec.Network is { } net)
        {
            devices.Add(DomainXmlParts.BridgeInterface(net));
        }

        return DomainXmlParts.Domain("test", spec, DomainXmlParts.Os(type, spec, console: null), [], devices);
    }
}

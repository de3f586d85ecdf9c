using System.Xml.Linq;

namespace Actors.Hypervisor;

/// <summary>libvirt domain XML for a node as a small QEMU guest (<c>qemu:///system</c>): direct kernel boot, only
/// virtio disks (read-only, raw), a virtio NIC and a serial console; no USB, balloon or graphics. It is a q35
/// machine rather than QEMU's microvm, which libvirt's QEMU driver does not offer; the <c>qemu://</c> driver
/// boots microvm directly.</summary>
public static class QemuDomainXml
{
    /// <summary>The domain XML for <paramref name="spec"/>: <c>type='kvm'</c> with the host's CPU where
    /// <paramref name="kvm"/>, else <c>type='qemu'</c> (TCG) with QEMU's <c>max</c> CPU, which boots the node
    /// much faster than the default model. Throws <see cref="ArgumentException"/> naming a field the spec
    /// cannot express.</summary>
    public static string Render(DomainSpec spec, bool kvm) => Build(spec, kvm).ToString();

    internal static XElement Build(DomainSpec spec, bool kvm)
    {
        DescriptorChecks.Check(spec, needsImage: true);
        var type = new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", "q35"), "hvm");
        XElement[] features =
        [
            new("features", new XElement("acpi")),
            new("cpu", new XAttribute("mode", kvm ? "host-passthrough" : "maximum")),
            new("clock", new XAttribute("offset", "utc")),
        ];
        var devices = new List<XElement>();
        devices.AddRange(DomainXmlParts.ReadOnlyDisks(spec, "vd", "virtio", blockDriver: "qemu", fileDriver: "qemu"));
        if (spec.Network is { } net)
        {
            devices.Add(Interface(net));
        }

        devices.Add(new XElement("serial", new XAttribute("type", "pty"), new XElement("target", new XAttribute("port", 0))));
        devices.Add(new XElement(
            "console",
            new XAttribute("type", "pty"),
            new XElement("target", new XAttribute("type", "serial"), new XAttribute("port", 0))));
        devices.Add(new XElement("controller", new XAttribute("type", "usb"), new XAttribute("model", "none")));
        devices.Add(new XElement("memballoon", new XAttribute("model", "none")));
        return DomainXmlParts.Domain(kvm ? "kvm" : "qemu", spec, DomainXmlParts.Os(type, spec, console: "ttyS0"), features, devices);
    }

    // A tap the caller made (and put on its bridge) is used as it is: libvirt must neither create nor delete it.
    private static XElement Interface(NetworkSpec net)
    {
        var model = new XElement("model", new XAttribute("type", "virtio"));
        return net.Tap is null
            ? DomainXmlParts.BridgeInterface(net, model)
            : new XElement(
                "interface",
                new XAttribute("type", "ethernet"),
                DomainXmlParts.Mac(net),
                new XElement("target", new XAttribute("dev", net.Tap), new XAttribute("managed", "no")),
                model);
    }
}

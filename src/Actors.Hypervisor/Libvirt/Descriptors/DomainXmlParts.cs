using System.Xml.Linq;

namespace Actors.Hypervisor;

/// <summary>The parts every generated libvirt domain shares. Text goes in through <see cref="XElement"/>, so
/// names, paths and labels are escaped by construction.</summary>
internal static class DomainXmlParts
{
    /// <summary>The whole domain. The lifecycle actions are all destroy: restarting a node is the cluster
    /// supervisor's decision, made from the stopped event, never the hypervisor's.</summary>
    public static XElement Domain(string type, DomainSpec spec, XElement os, IEnumerable<XElement> features, IEnumerable<XElement> devices) =>
        new(
            "domain",
            new XAttribute("type", type),
            new XElement("name", spec.Name),
            new XElement("metadata", DomainMetadata.Element(spec)),
            new XElement("memory", new XAttribute("unit", "MiB"), spec.MemoryMiB),
            new XElement("vcpu", spec.VCpus),
            os,
            features,
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "destroy"),
            new XElement("on_crash", "destroy"),
            new XElement("devices", devices));

    /// <summary><c>&lt;os&gt;</c> with direct kernel boot from the image, if the spec has one.</summary>
    public static XElement Os(XElement type, DomainSpec spec, string? console)
    {
        var os = new XElement("os", type);
        if (spec.Image is { } image)
        {
            os.Add(new XElement("kernel", ImageLayout.Kernel(image)), new XElement("initrd", ImageLayout.Initrd(image)));
        }

        var cmdline = KernelCommandLine.Build(spec, console is null ? [] : [$"console={console}"]);
        if (cmdline.Length > 0)
        {
            os.Add(new XElement("cmdline", cmdline));
        }

        return os;
    }

    /// <summary>The spec's disks, read-only, raw, named <paramref name="prefix"/>a, b, ... on <paramref name="bus"/>.
    /// A device node is a block disk; anything else a file.</summary>
    public static IEnumerable<XElement> ReadOnlyDisks(DomainSpec spec, string prefix, string bus, string blockDriver, string fileDriver) =>
        spec.ReadOnlyDisks.Select((path, i) =>
        {
            var block = path.StartsWith("/dev/", StringComparison.Ordinal);
            return new XElement(
                "disk",
                new XAttribute("type", block ? "block" : "file"),
                new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", block ? blockDriver : fileDriver), new XAttribute("type", "raw")),
                new XElement("source", new XAttribute(block ? "dev" : "file", path)),
                new XElement("target", new XAttribute("dev", DiskNames.Of(prefix, i)), new XAttribute("bus", bus)),
                new XElement("readonly"));
        });

    /// <summary>A bridged interface, with the spec's MAC and device name if it gives them.</summary>
    public static XElement BridgeInterface(NetworkSpec net, params XElement[] extra) => new(
        "interface",
        new XAttribute("type", "bridge"),
        new XElement("source", new XAttribute("bridge", net.Bridge)),
        Mac(net),
        net.Tap is null ? null : new XElement("target", new XAttribute("dev", net.Tap)),
        extra);

    public static XElement? Mac(NetworkSpec net) =>
        net.Mac is null ? null : new XElement("mac", new XAttribute("address", net.Mac.ToLowerInvariant()));
}

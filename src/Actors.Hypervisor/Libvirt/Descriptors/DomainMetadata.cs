using System.Xml;
using System.Xml.Linq;

namespace Actors.Hypervisor;

/// <summary>The service and labels of a domain, kept in its libvirt XML under our own namespace so that any
/// later connection (another supervisor after a failover) reads them back from the host.</summary>
internal static class DomainMetadata
{
    public const string NamespaceUri = "https://actors.dev/domain/1";

    private static readonly XNamespace Ns = NamespaceUri;

    /// <summary>The element for <c>&lt;metadata&gt;</c>. Label values are attributes, not text, because libvirt
    /// re-indents metadata and would not keep a value of blanks.</summary>
    public static XElement Element(DomainSpec spec) => new(
        Ns + "node",
        new XAttribute(XNamespace.Xmlns + "actors", Ns),
        new XAttribute("service", spec.Service),
        spec.Labels
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new XElement(Ns + "label", new XAttribute("key", l.Key), new XAttribute("value", l.Value))));

    /// <summary>Reads what <see cref="Element"/> wrote, as <c>virDomainGetMetadata</c> returns it (libvirt may drop
    /// the prefix, so elements are matched by local name).</summary>
    public static (string Service, IReadOnlyDictionary<string, string> Labels) Read(string? xml)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(xml))
        {
            return (string.Empty, labels);
        }

        XElement node;
        try
        {
            node = XElement.Parse(xml);
        }
        catch (XmlException)
        {
            // Not what we wrote: someone else used our namespace. The domain is then not one of ours.
            return (string.Empty, labels);
        }

        foreach (var label in node.Elements().Where(e => e.Name.LocalName == "label"))
        {
            if (label.Attribute("key")?.Value is { } key)
            {
                labels[key] = label.Attribute("value")?.Value ?? string.Empty;
            }
        }

        return (node.Attribute("service")?.Value ?? string.Empty, labels);
    }
}

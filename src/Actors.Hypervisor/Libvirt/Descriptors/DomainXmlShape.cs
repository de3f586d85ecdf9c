using System.Text;
using System.Xml.Linq;

namespace Actors.Hypervisor;

/// <summary>A generated domain document without the values that come from the spec: two documents of one shape
/// differ only in names, sizes, paths, the command line, interface names, MACs and metadata, each of which
/// <see cref="DomainSpecValidator"/> and <see cref="DescriptorChecks"/> hold to what libvirt's schema allows
/// (libvirt's schema takes any element in <c>&lt;metadata&gt;</c>). So libvirt's schema verdict on one document
/// of a shape is its verdict on all of them. Every other value (types, buses, drivers, modes) is part of the
/// shape: a value left out wrongly would skip a check, one kept wrongly only costs one.</summary>
internal static class DomainXmlShape
{
    private static readonly XName Metadata = "metadata";

    /// <summary>Elements whose text is a spec value.</summary>
    private static readonly HashSet<XName> ValueText = ["name", "memory", "vcpu", "kernel", "initrd", "cmdline"];

    /// <summary>Attributes that are spec values: disk paths, bridge, MAC, and tap or generated disk names.</summary>
    private static readonly HashSet<XName> ValueAttributes = ["file", "dev", "bridge", "address"];

    // One builder per thread, taken while in use, as in DomainXmlText.
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Of(XElement domain)
    {
        var shape = t_builder ?? new StringBuilder(512);
        t_builder = null;
        try
        {
            Append(shape, domain);
            return shape.ToString();
        }
        finally
        {
            t_builder = shape.Clear();
        }
    }

    private static void Append(StringBuilder shape, XElement element)
    {
        Name(shape.Append('<'), element.Name);
        for (var attribute = element.FirstAttribute; attribute is not null; attribute = attribute.NextAttribute)
        {
            Name(shape.Append(' '), attribute.Name);
            if (!ValueAttributes.Contains(attribute.Name))
            {
                shape.Append("='").Append(attribute.Value).Append('\'');
            }
        }

        shape.Append('>');
        if (element.Name != Metadata)
        {
            for (var node = element.FirstNode; node is not null; node = node.NextNode)
            {
                switch (node)
                {
                    case XElement child:
                        Append(shape, child);
                        break;
                    case XText text:
                        shape.Append(ValueText.Contains(element.Name) ? "#" : text.Value);
                        break;
                }
            }
        }

        shape.Append("</>");
    }

    // XName.ToString() would allocate "{namespace}local" each time.
    private static void Name(StringBuilder shape, XName name) =>
        shape.Append('{').Append(name.NamespaceName).Append('}').Append(name.LocalName);
}

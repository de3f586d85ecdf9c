using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Actors.Hypervisor;

/// <summary>A generated domain as the text libvirt is given: what <c>ToString(SaveOptions.DisableFormatting)</c>
/// writes (except that a carriage return in text stays one, as <c>&amp;#xD;</c>), without the XmlWriter behind
/// it, which allocates a 12 KB buffer per document, most of a define's garbage. It writes what the generators
/// make (elements, attributes, text, prefixed namespaces) and refuses anything else, and any character XML
/// cannot carry, with an <see cref="ArgumentException"/>.</summary>
internal static class DomainXmlText
{
    // One builder per thread, taken while in use: every define would otherwise allocate and grow its own.
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Of(XElement domain)
    {
        var xml = t_builder ?? new StringBuilder(1024);
        t_builder = null;
        try
        {
            Write(xml, domain);
            return xml.ToString();
        }
        finally
        {
            t_builder = xml.Clear();
        }
    }

    private static void Write(StringBuilder xml, XElement element)
    {
        Name(xml.Append('<'), element, element.Name);

        // FirstAttribute/NextAttribute and FirstNode/NextNode walk XLinq's own lists; Attributes() and Nodes()
        // would allocate an iterator per element.
        for (var attribute = element.FirstAttribute; attribute is not null; attribute = attribute.NextAttribute)
        {
            if (attribute.IsNamespaceDeclaration)
            {
                xml.Append(" xmlns");
                if (attribute.Name.Namespace != XNamespace.None)
                {
                    xml.Append(':').Append(attribute.Name.LocalName);
                }
            }
            else
            {
                Name(xml.Append(' '), element, attribute.Name);
            }

            Escape(xml.Append("=\""), attribute.Value, inAttribute: true).Append('"');
        }

        if (element.IsEmpty)
        {
            xml.Append(" />");
            return;
        }

        xml.Append('>');
        for (var node = element.FirstNode; node is not null; node = node.NextNode)
        {
            switch (node)
            {
                case XElement child:
                    Write(xml, child);
                    break;
                case XText text when text is not XCData:
                    Escape(xml, text.Value, inAttribute: false);
                    break;
                default:
                    throw new ArgumentException($"a generated domain holds a {node.NodeType}, which {nameof(DomainXmlText)} does not write");
            }
        }

        Name(xml.Append("</"), element, element.Name).Append('>');
    }

    private static StringBuilder Name(StringBuilder xml, XElement scope, XName name)
    {
        if (name.Namespace != XNamespace.None)
        {
            var prefix = scope.GetPrefixOfNamespace(name.Namespace)
                ?? throw new ArgumentException($"namespace '{name.NamespaceName}' has no prefix declared");
            xml.Append(prefix).Append(':');
        }

        return xml.Append(name.LocalName);
    }

    // XmlWriter's escapes: markup characters everywhere, quotes and line breaks in attribute values (where a
    // parser would otherwise turn them into spaces).
    private static StringBuilder Escape(StringBuilder xml, string value, bool inAttribute)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&': xml.Append("&amp;"); break;
                case '<': xml.Append("&lt;"); break;
                case '>': xml.Append("&gt;"); break;
                case '"' when inAttribute: xml.Append("&quot;"); break;
                case '\t' when inAttribute: xml.Append("&#x9;"); break;
                case '\n' when inAttribute: xml.Append("&#xA;"); break;
                case '\r': xml.Append("&#xD;"); break;
                case '\n' or '\t': xml.Append(c); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        xml.Append(c).Append(value[++i]);
                    }
                    else if (XmlConvert.IsXmlChar(c))
                    {
                        xml.Append(c);
                    }
                    else
                    {
                        throw new ArgumentException($"'{value}' contains a character XML cannot carry (U+{(int)c:X4})");
                    }

                    break;
            }
        }

        return xml;
    }
}

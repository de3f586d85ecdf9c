using System.Xml.Linq;
using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>The driver writes domain XML without an XmlWriter; it must write what XmlWriter would.</summary>
public sealed class LibvirtDomainXmlTextTests
{
    private static readonly DomainSpec Nasty = Specs.Node("nasty") with
    {
        Service = Specs.Nasty,
        Image = "/srv/" + Specs.Nasty.Replace('\\', '_'),
        KernelCommandLine = "quiet a<b>&c",
        Environment = new Dictionary<string, string> { ["A"] = "x&y", ["B"] = "two <words>", ["C"] = "\U0001F600" },
        Labels = new Dictionary<string, string> { [Specs.Nasty] = Specs.Nasty, ["multi"] = "line\none\ttab\rcr", ["blank"] = "  " },
    };

    public static TheoryData<string> Documents() => ["xen", "kvm", "tcg-tap", "test", "test-minimal"];

    [Theory]
    [MemberData(nameof(Documents))]
    public void It_writes_what_XElement_writes_without_formatting(string which)
    {
        var domain = Build(which);

        Assert.Equal(domain.ToString(SaveOptions.DisableFormatting), DomainXmlText.Of(domain));
    }

    [Fact]
    public void Labels_and_text_read_back_as_they_were()
    {
        var domain = Build("xen");

        Assert.True(XNode.DeepEquals(domain, XElement.Parse(DomainXmlText.Of(domain))));
    }

    [Fact]
    public void A_character_xml_cannot_carry_is_refused()
    {
        var domain = TestDomainXml.Build(Specs.Node("x") with { Environment = new Dictionary<string, string> { ["A"] = "\uFFFE" } });

        Assert.Contains("XML cannot carry", Assert.Throws<ArgumentException>(() => DomainXmlText.Of(domain)).Message);
    }

    [Fact]
    public async Task The_driver_refuses_a_spec_whose_xml_cannot_be_written_as_an_invalid_spec()
    {
        await using var h = Hypervisors.Open(LibvirtContractTests.TestUri);
        var name = $"bad-{Guid.NewGuid():N}"[..16];

        await Assert.ThrowsAsync<InvalidDomainSpecException>(() =>
            h.DefineAsync(Specs.Node(name) with { Environment = new Dictionary<string, string> { ["A"] = "\uD800" } }));
        Assert.DoesNotContain(await h.ListAsync(), d => d.Name == name);
    }

    private static XElement Build(string which) => which switch
    {
        "xen" => XenPvhDomainXml.Build(Nasty),
        "kvm" => QemuDomainXml.Build(Nasty, kvm: true),
        "tcg-tap" => QemuDomainXml.Build(Nasty with { Network = new NetworkSpec("br0", "tap0") }, kvm: false),
        "test" => TestDomainXml.Build(Nasty),
        "test-minimal" => TestDomainXml.Build(LibvirtRawLoop.SpecFor("min")),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };
}

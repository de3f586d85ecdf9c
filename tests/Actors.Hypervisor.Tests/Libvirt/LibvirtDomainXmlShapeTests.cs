using System.Xml.Linq;
using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>The driver asks libvirt's schema once per document shape, so the shape must leave out exactly the
/// values that come from the spec.</summary>
public sealed class LibvirtDomainXmlShapeTests
{
    private static readonly DomainSpec Other = Specs.Node("other-node") with
    {
        Service = Specs.Nasty,
        Image = "/srv/images/other",
        MemoryMiB = 4096,
        VCpus = 8,
        KernelCommandLine = "loglevel=7",
        Environment = new Dictionary<string, string> { ["A"] = "1", ["B"] = "two words" },
        ReadOnlyDisks = ["/srv/images/other/a.sqfs", "/srv/images/other/b.sqfs"],
        Network = new NetworkSpec("xenbr1", Mac: "00:16:3e:01:02:03"),
        Labels = new Dictionary<string, string> { ["owner"] = "sup-2", ["tenant"] = "t" },
    };

    [Fact]
    public void Specs_that_differ_only_in_values_have_one_shape()
    {
        var node = Specs.Node("node");

        Assert.Equal(Shape(XenPvhDomainXml.Build(node)), Shape(XenPvhDomainXml.Build(Other)));
        Assert.Equal(Shape(QemuDomainXml.Build(node, kvm: true)), Shape(QemuDomainXml.Build(Other, kvm: true)));
        Assert.Equal(Shape(TestDomainXml.Build(node)), Shape(TestDomainXml.Build(Other)));
    }

    [Fact]
    public void Other_elements_or_template_values_make_another_shape()
    {
        var node = Specs.Node("node");
        var shape = Shape(QemuDomainXml.Build(node, kvm: true));

        Assert.NotEqual(shape, Shape(QemuDomainXml.Build(node, kvm: false)));
        Assert.NotEqual(shape, Shape(QemuDomainXml.Build(node with { Network = null }, kvm: true)));
        Assert.NotEqual(shape, Shape(QemuDomainXml.Build(node with { Network = new NetworkSpec("br0", Tap: "tap0") }, kvm: true)));
        Assert.NotEqual(shape, Shape(QemuDomainXml.Build(node with { ReadOnlyDisks = ["/dev/vg0/a", "/srv/b"] }, kvm: true)));
        Assert.NotEqual(shape, Shape(QemuDomainXml.Build(node with { ReadOnlyDisks = ["/srv/a"] }, kvm: true)));
        Assert.NotEqual(Shape(XenPvhDomainXml.Build(node)), Shape(XenPvhDomainXml.Build(node with { ReadOnlyDisks = ["/dev/vg0/a", "/srv/b"] })));
    }

    private static string Shape(XElement domain) => DomainXmlShape.Of(domain);
}

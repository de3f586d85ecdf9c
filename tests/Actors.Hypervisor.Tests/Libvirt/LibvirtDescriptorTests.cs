using System.Xml.Linq;
using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>The pure pieces of the descriptors: metadata, command line, disk names, spec checks.</summary>
public sealed class LibvirtDescriptorTests
{
    [Fact]
    public void Metadata_round_trips_service_and_labels_whatever_their_characters()
    {
        var labels = new Dictionary<string, string>
        {
            [Specs.Nasty] = Specs.Nasty,
            ["blank"] = "   ",
            ["multi"] = "line\none\ttab",
            ["unicode"] = "ünï 🐘",
            ["empty"] = string.Empty,
        };
        var spec = Specs.Node("m") with { Service = Specs.Nasty, Labels = labels };

        var xml = XElement.Parse(XenPvhDomainXml.Render(spec)).Element("metadata")!.Elements().Single().ToString();
        var (service, read) = DomainMetadata.Read(xml);

        Assert.Equal(Specs.Nasty, service);
        Assert.Equal(labels.OrderBy(l => l.Key), read.OrderBy(l => l.Key));
    }

    [Fact]
    public void Metadata_that_is_missing_or_not_ours_reads_as_no_service_and_no_labels()
    {
        Assert.Equal(string.Empty, DomainMetadata.Read(null).Service);
        Assert.Empty(DomainMetadata.Read("<node service=").Labels);
    }

    [Fact]
    public void The_command_line_adds_a_console_unless_given_and_quotes_values_with_spaces()
    {
        var spec = new DomainSpec
        {
            Name = "c",
            Service = "s",
            KernelCommandLine = " quiet ",
            Environment = new Dictionary<string, string> { ["B"] = "two words", ["A"] = "x=y", ["C"] = string.Empty },
        };

        Assert.Equal("quiet console=hvc0 A=x=y B=\"two words\" C=", KernelCommandLine.Build(spec, "console=hvc0"));
        Assert.Equal("console=ttyS1 A=x=y B=\"two words\" C=", KernelCommandLine.Build(spec with { KernelCommandLine = "console=ttyS1" }, "console=ttyS0"));
        Assert.Equal("quiet A=x=y B=\"two words\" C=", KernelCommandLine.Build(spec));
    }

    [Fact]
    public void A_command_line_linux_would_cut_or_split_is_refused()
    {
        var tooLong = new DomainSpec { Name = "c", Service = "s", KernelCommandLine = new string('x', KernelCommandLine.MaxBytes + 1) };
        var newline = new DomainSpec { Name = "c", Service = "s", Environment = new Dictionary<string, string> { ["A"] = "a\nb" } };

        Assert.Contains("Linux keeps at most 2047", Assert.Throws<ArgumentException>(() => KernelCommandLine.Build(tooLong)).Message);
        Assert.Contains("control character", Assert.Throws<ArgumentException>(() => KernelCommandLine.Build(newline)).Message);
    }

    [Theory]
    [InlineData(0, "xvda")]
    [InlineData(25, "xvdz")]
    [InlineData(26, "xvdaa")]
    [InlineData(27, "xvdab")]
    [InlineData(701, "xvdzz")]
    [InlineData(702, "xvdaaa")]
    public void Disks_are_named_the_way_linux_names_them(int index, string name) =>
        Assert.Equal(name, DiskNames.Of("xvd", index));

    [Fact]
    public void Specs_a_descriptor_cannot_carry_are_refused_naming_the_field()
    {
        var relativeDisk = Assert.Throws<ArgumentException>(() => QemuDomainXml.Render(Specs.Node("x") with { ReadOnlyDisks = ["disk.img"] }, kvm: true));
        var badMac = Assert.Throws<ArgumentException>(() => TestDomainXml.Render(Specs.Node("x") with { Network = new NetworkSpec("br0", Mac: "zz") }));
        var multicastMac = Assert.Throws<ArgumentException>(() => TestDomainXml.Render(Specs.Node("x") with { Network = new NetworkSpec("br0", Mac: "01:00:5e:00:00:01") }));
        var rootDisk = Assert.Throws<ArgumentException>(() => TestDomainXml.Render(Specs.Node("x") with { ReadOnlyDisks = ["/"] }));
        var vcpus = Assert.Throws<ArgumentException>(() => XenPvhDomainXml.Render(Specs.Node("x") with { VCpus = 65536 }));
        var controlInLabel = Assert.Throws<ArgumentException>(() => TestDomainXml.Render(Specs.Node("x") with
        {
            Labels = new Dictionary<string, string> { ["owner"] = "a\u0001b" },
        }));

        Assert.Contains("readOnlyDisks 'disk.img' is not an absolute path", relativeDisk.Message);
        Assert.Contains("network mac 'zz'", badMac.Message);
        Assert.Contains("not a unicast MAC", multicastMac.Message);
        Assert.Contains("readOnlyDisks '/'", rootDisk.Message);
        Assert.Contains("vcpus is 65536", vcpus.Message);
        Assert.Contains("label 'owner'", controlInLabel.Message);
    }
}

using System.Xml.Linq;
using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>Every generated domain XML passes libvirt's schema, checked by virt-xml-validate in a real process,
/// and the validator is shown to refuse broken documents.</summary>
public sealed class LibvirtDomainXmlTests
{
    private static readonly DomainSpec Minimal = new() { Name = "min", Service = "svc", Image = "/srv/img" };

    /// <summary>The furthest values the spec checks let through: the driver asks libvirt's schema once per
    /// document shape (<see cref="DomainXmlShape"/>), so every value the checks pass must pass the schema.</summary>
    private static readonly DomainSpec EdgeValues = new()
    {
        Name = "0" + new string('.', 63),
        Service = " ",
        Image = "/",
        MemoryMiB = int.MaxValue,
        VCpus = DescriptorChecks.MaxVCpus,
        KernelCommandLine = "\"\"",
        ReadOnlyDisks = ["/a", "/dev/x"],
        Network = new NetworkSpec("A-._0123456789b", "-", "FE:FF:FF:FF:FF:FF"),
    };

    public static TheoryData<string> Generated() => new()
    {
        "xen-node", "xen-minimal", "xen-tap-and-block-disk", "kvm-node", "tcg-tap", "qemu-minimal", "test-node", "test-no-image", "nasty-text",
        "xen-edge-values", "qemu-edge-values",
    };

    [Theory]
    [MemberData(nameof(Generated))]
    public async Task Generated_domain_xml_passes_libvirts_schema(string which) =>
        await VirtXmlValidate.AssertValidAsync(Render(which));

    [Fact]
    public async Task The_validator_refuses_a_xen_domain_with_a_wrong_os_type_or_an_unknown_device()
    {
        var wrongType = XElement.Parse(XenPvhDomainXml.Render(Specs.Node("n")));
        wrongType.Element("os")!.Element("type")!.Value = "pvh";
        var unknownDevice = XElement.Parse(XenPvhDomainXml.Render(Specs.Node("n")));
        unknownDevice.Element("devices")!.Add(new XElement("teleporter"));

        var (typeExit, typeOutput) = await VirtXmlValidate.DomainAsync(wrongType.ToString());
        var (unknownExit, unknownOutput) = await VirtXmlValidate.DomainAsync(unknownDevice.ToString());

        // 3 is xmllint's exit code for a document its schema refuses (a missing xmllint would be 127).
        Assert.Equal(3, typeExit);
        Assert.Contains("fails to validate", typeOutput);
        Assert.Equal(3, unknownExit);
        Assert.Contains("fails to validate", unknownOutput);
    }

    [Fact]
    public void Xen_pvh_xml_boots_the_image_kernel_as_pvh_with_read_only_disks_on_a_bridge()
    {
        var xml = XElement.Parse(XenPvhDomainXml.Render(Specs.Node("n") with { Network = new NetworkSpec("xenbr0", "vif-n", "00:16:3E:AA:BB:CC") }));

        Assert.Equal("xen", (string?)xml.Attribute("type"));
        var type = xml.Element("os")!.Element("type")!;
        Assert.Equal(("x86_64", "xenpvh", "xenpvh"), ((string?)type.Attribute("arch"), (string?)type.Attribute("machine"), type.Value));
        Assert.Equal("/var/lib/actors/images/greeter/vmlinux", xml.Element("os")!.Element("kernel")!.Value);
        Assert.Equal("/var/lib/actors/images/greeter/initrd.img", xml.Element("os")!.Element("initrd")!.Value);
        Assert.StartsWith("quiet panic=-1 console=hvc0 ", xml.Element("os")!.Element("cmdline")!.Value);
        var disks = xml.Element("devices")!.Elements("disk").ToList();
        Assert.Equal(["xvda", "xvdb"], disks.Select(d => (string?)d.Element("target")!.Attribute("dev")));
        Assert.All(disks, d => Assert.NotNull(d.Element("readonly")));
        var nic = xml.Element("devices")!.Element("interface")!;
        Assert.Equal(("bridge", "xenbr0", "00:16:3e:aa:bb:cc", "vif-n"), (
            (string?)nic.Attribute("type"),
            (string?)nic.Element("source")!.Attribute("bridge"),
            (string?)nic.Element("mac")!.Attribute("address"),
            (string?)nic.Element("target")!.Attribute("dev")));
        Assert.Equal(["destroy", "destroy", "destroy"], new[] { "on_poweroff", "on_reboot", "on_crash" }.Select(e => xml.Element(e)!.Value));
    }

    [Fact]
    public void Qemu_xml_is_kvm_with_the_host_cpu_or_tcg_with_the_max_cpu_and_uses_a_callers_tap_unmanaged()
    {
        var kvm = XElement.Parse(QemuDomainXml.Render(Specs.Node("n"), kvm: true));
        var tcg = XElement.Parse(QemuDomainXml.Render(Specs.Node("n") with { Network = new NetworkSpec("br0", Tap: "tap0") }, kvm: false));

        Assert.Equal(("kvm", "host-passthrough"), ((string?)kvm.Attribute("type"), (string?)kvm.Element("cpu")!.Attribute("mode")));
        Assert.Equal(("qemu", "maximum"), ((string?)tcg.Attribute("type"), (string?)tcg.Element("cpu")!.Attribute("mode")));
        Assert.Contains(" console=ttyS0 ", kvm.Element("os")!.Element("cmdline")!.Value);
        Assert.Equal(["vda", "vdb"], kvm.Element("devices")!.Elements("disk").Select(d => (string?)d.Element("target")!.Attribute("dev")));
        var tap = tcg.Element("devices")!.Element("interface")!;
        Assert.Equal(("ethernet", "tap0", "no"), ((string?)tap.Attribute("type"), (string?)tap.Element("target")!.Attribute("dev"), (string?)tap.Element("target")!.Attribute("managed")));
    }

    private static string Render(string which) => which switch
    {
        "xen-node" => XenPvhDomainXml.Render(Specs.Node("xen-node")),
        "xen-minimal" => XenPvhDomainXml.Render(Minimal),
        "xen-tap-and-block-disk" => XenPvhDomainXml.Render(Minimal with
        {
            ReadOnlyDisks = ["/dev/vg0/svc"],
            Network = new NetworkSpec("xenbr0", "vif-min"),
        }),
        "kvm-node" => QemuDomainXml.Render(Specs.Node("kvm-node"), kvm: true),
        "tcg-tap" => QemuDomainXml.Render(Specs.Node("tcg-tap") with { Network = new NetworkSpec("br0", "tap0", "52:54:00:00:00:01") }, kvm: false),
        "qemu-minimal" => QemuDomainXml.Render(Minimal, kvm: false),
        "test-node" => TestDomainXml.Render(Specs.Node("test-node")),
        "test-no-image" => TestDomainXml.Render(Minimal with { Image = null }),
        "nasty-text" => XenPvhDomainXml.Render(Specs.Node("nasty") with
        {
            Service = Specs.Nasty,
            Image = "/srv/" + Specs.Nasty.Replace('\\', '_'),
            Labels = new Dictionary<string, string> { [Specs.Nasty] = Specs.Nasty, ["multi"] = "line\none" },
        }),
        "xen-edge-values" => XenPvhDomainXml.Render(EdgeValues),
        "qemu-edge-values" => QemuDomainXml.Render(EdgeValues, kvm: true),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };
}

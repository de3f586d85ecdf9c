using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>xl.cfg output read back by xl's own parser (libxlutil) rather than by a grammar of ours.</summary>
public sealed class LibvirtXlConfigTests
{
    [Fact]
    public void A_node_parses_with_xl_and_every_setting_reads_back()
    {
        var spec = Specs.Node("greeter-1") with { Network = new NetworkSpec("xenbr0", Tap: "vif-greeter1", Mac: "00:16:3E:00:00:01") };

        using var cfg = LibXlUtil.Parse(XlConfig.Render(spec));

        Assert.True(cfg.Status == 0, cfg.Errors);
        Assert.Equal("greeter-1", cfg.String("name"));
        Assert.Equal("pvh", cfg.String("type"));
        Assert.Equal("/var/lib/actors/images/greeter/vmlinux", cfg.String("kernel"));
        Assert.Equal("/var/lib/actors/images/greeter/initrd.img", cfg.String("ramdisk"));
        Assert.Equal(64, cfg.Long("memory"));
        Assert.Equal(1, cfg.Long("vcpus"));
        Assert.Equal(
            "quiet panic=-1 console=hvc0 ACTORS_NODE__SEEDS__0=akka.tcp://actors@10.203.0.1:4053",
            cfg.String("cmdline"));
        Assert.Equal(["bridge=xenbr0,mac=00:16:3e:00:00:01,vifname=vif-greeter1"], cfg.List("vif"));
        Assert.Equal("destroy", cfg.String("on_crash"));
        Assert.Equal("destroy", cfg.String("on_reboot"));
        Assert.Equal("destroy", cfg.String("on_poweroff"));
    }

    [Fact]
    public void Disks_are_raw_read_only_xvd_devices_as_xl_parses_them()
    {
        var spec = Specs.Node("disks") with { ReadOnlyDisks = ["/srv/runtime.sqfs", "/srv/odd, name=x.sqfs", "/dev/vg0/svc"] };

        using var cfg = LibXlUtil.Parse(XlConfig.Render(spec));
        var disks = cfg.List("disk")!.Select(cfg.ParseDisk).ToList();

        Assert.True(cfg.Status == 0, cfg.Errors);
        Assert.Equal(["/srv/runtime.sqfs", "/srv/odd, name=x.sqfs", "/dev/vg0/svc"], disks.Select(d => d.Target));
        Assert.Equal(["xvda", "xvdb", "xvdc"], disks.Select(d => d.Vdev));
        Assert.All(disks, d => Assert.Equal((0, XlDisk.Raw, false), (d.Status, d.Format, d.ReadWrite)));
        Assert.Equal("/srv/runtime.sqfs,raw,xvda,r", cfg.List("disk")![0]);
    }

    [Fact]
    public void The_disk_parser_reads_what_it_is_given_so_the_read_only_check_means_something()
    {
        using var cfg = LibXlUtil.Parse("name = \"x\"\n");

        Assert.True(cfg.ParseDisk("/srv/a.img,raw,xvda,rw").ReadWrite);
        Assert.False(cfg.ParseDisk("/srv/a.img,raw,xvda,r").ReadWrite);
        Assert.NotEqual(0, cfg.ParseDisk("/srv/a.img,raw,xvda,r,nonsense=1").Status);
    }

    [Fact]
    public void Quotes_and_backslashes_in_paths_and_environment_survive_xl_parsing()
    {
        var spec = Specs.Node("quotes") with
        {
            Image = "/srv/im\"age\\dir",
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello world", ["PATHLIKE"] = "a\\b" },
        };

        using var cfg = LibXlUtil.Parse(XlConfig.Render(spec));

        Assert.True(cfg.Status == 0, cfg.Errors);
        Assert.Equal("/srv/im\"age\\dir/vmlinux", cfg.String("kernel"));
        Assert.EndsWith("GREETING=\"hello world\" PATHLIKE=a\\b", cfg.String("cmdline"));
    }

    [Fact]
    public void Broken_xl_syntax_is_refused_by_the_parser_so_the_check_is_real()
    {
        using var unterminated = LibXlUtil.Parse("name = \"x\nmemory = 1\n");
        using var openList = LibXlUtil.Parse("disk = [ \"/srv/a,raw,xvda,r\"\n");

        Assert.NotEqual(0, unterminated.Status);
        Assert.Contains("domain.cfg:1", unterminated.Errors);
        Assert.NotEqual(0, openList.Status);
    }

    [Fact]
    public void A_spec_xl_cannot_express_is_refused_naming_the_field()
    {
        var noImage = Assert.Throws<ArgumentException>(() => XlConfig.Render(Specs.Node("x") with { Image = null }));
        var badBridge = Assert.Throws<ArgumentException>(() => XlConfig.Render(Specs.Node("x") with { Network = new NetworkSpec("br0,script=/evil") }));
        var quoteInEnv = Assert.Throws<ArgumentException>(() => XlConfig.Render(Specs.Node("x") with
        {
            Environment = new Dictionary<string, string> { ["A"] = "say \"hi\"" },
        }));

        Assert.StartsWith("image is empty", noImage.Message);
        Assert.Contains("network bridge 'br0,script=/evil'", badBridge.Message);
        Assert.Contains("environment value of 'A'", quoteInEnv.Message);
    }
}

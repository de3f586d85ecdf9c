namespace Actors.Hypervisor.Tests.Qemu;

/// <summary>The QEMU command built for a spec, checked without starting QEMU.</summary>
public sealed class QemuCommandLineTests
{
    private static readonly QemuImage Image = new("/images/greeter");
    private static readonly QemuSettings Tcg = new(HostCapacity.Unlimited, QemuAccelerator.Tcg, 2596126, "/run/actors");

    private static DomainSpec Spec => new() { Name = "greeter-1", Service = "greeter", Image = Image.Directory, MemoryMiB = 192, VCpus = 2 };

    [Fact]
    public void Qemu_starts_through_setpriv_so_it_dies_with_the_host_process()
    {
        var args = QemuCommandLine.Arguments(Spec, Image, Tcg, "/run/actors/greeter-1.qmp");

        Assert.Equal(["--pdeathsig", "KILL", "--", "qemu-system-x86_64"], args.Take(4));
        Assert.Equal("setpriv", QemuCommandLine.Launcher);
    }

    [Fact]
    public void Under_tcg_it_is_a_microvm_with_the_max_cpu_the_spec_resources_and_the_host_tsc_rate()
    {
        var args = QemuCommandLine.Arguments(Spec, Image, Tcg, "/run/actors/greeter-1.qmp");

        AssertFollows(args, "-M", "microvm");
        AssertFollows(args, "-accel", "tcg", "-cpu", "max");
        AssertFollows(args, "-m", "192", "-smp", "2", "-nographic", "-no-reboot");
        AssertFollows(args, "-kernel", "/images/greeter/vmlinux", "-initrd", "/images/greeter/initrd.img");
        AssertFollows(args, "-serial", "stdio", "-monitor", "none");
        AssertFollows(args, "-chardev", "socket,id=qmp,path=/run/actors/greeter-1.qmp", "-mon", "chardev=qmp,mode=control");
        Assert.Equal("console=ttyS0 panic=-1 tsc_early_khz=2596126", After(args, "-append"));
        Assert.DoesNotContain("-netdev", args);
        Assert.DoesNotContain("-drive", args);
    }

    [Fact]
    public void Under_kvm_it_uses_the_host_cpu_and_no_tsc_rate()
    {
        var args = QemuCommandLine.Arguments(Spec, Image, Tcg with { Accelerator = QemuAccelerator.Kvm }, "/s.qmp");

        AssertFollows(args, "-accel", "kvm", "-cpu", "host");
        Assert.DoesNotContain("tsc_early_khz", After(args, "-append"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_follows_the_specs_words_and_init_arguments_stay_last()
    {
        var spec = Spec with
        {
            KernelCommandLine = "quiet loglevel=3 -- --verbose",
            Environment = new Dictionary<string, string> { ["B_VAR"] = "two words", ["A_VAR"] = "1" },
        };

        Assert.Equal("quiet loglevel=3 console=ttyS0 panic=-1 A_VAR=1 B_VAR=\"two words\" -- --verbose", KernelCommandLine.Build(spec, QemuCommandLine.KernelWords(null)));
    }

    [Fact]
    public void Read_only_disks_are_virtio_blk_devices_with_readonly_on_relative_to_the_image()
    {
        var spec = Spec with { ReadOnlyDisks = ["layer.sqfs", "/data/a,b.img"] };

        var args = QemuCommandLine.Arguments(spec, Image, Tcg, "/s.qmp");

        AssertFollows(args, "-drive", "file=/images/greeter/layer.sqfs,format=raw,if=none,id=ro0,readonly=on", "-device", "virtio-blk-device,drive=ro0");
        AssertFollows(args, "-drive", "file=/data/a,,b.img,format=raw,if=none,id=ro1,readonly=on", "-device", "virtio-blk-device,drive=ro1");
    }

    [Fact]
    public void A_named_tap_is_used_as_is_and_a_bridge_alone_goes_through_the_bridge_helper()
    {
        var tap = QemuCommandLine.Arguments(Spec with { Network = new NetworkSpec("br0", "tap7", "52:54:00:00:00:07") }, Image, Tcg, "/s.qmp");
        var bridge = QemuCommandLine.Arguments(Spec with { Network = new NetworkSpec("br0") }, Image, Tcg, "/s.qmp");

        AssertFollows(tap, "-netdev", "tap,id=net0,ifname=tap7,script=no,downscript=no", "-device", "virtio-net-device,netdev=net0,mac=52:54:00:00:00:07");
        AssertFollows(bridge, "-netdev", "bridge,id=net0,br=br0", "-device", $"virtio-net-device,netdev=net0,mac={QemuCommandLine.Mac("greeter-1")}");
        Assert.Equal(QemuCommandLine.Mac("greeter-1"), QemuCommandLine.Mac("greeter-1"));
        Assert.NotEqual(QemuCommandLine.Mac("greeter-1"), QemuCommandLine.Mac("greeter-2"));
        Assert.StartsWith("52:54:00:", QemuCommandLine.Mac("greeter-1"), StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_network_namespace_a_bridged_nic_gets_a_tap_qemu_makes_and_the_domains_ifup_script_bridges()
    {
        var inNamespace = Tcg with { NetworkNamespace = "actors-h1" };
        var args = QemuCommandLine.Arguments(Spec with { Network = new NetworkSpec("br0", Mac: "00:16:3e:00:05:64") }, Image, inNamespace, "/s.qmp");
        var paths = QemuPaths.For(Path.Combine(Path.GetTempPath(), "actors-tests", $"ifup-{Guid.NewGuid():N}"[..13]), "greeter-1");
        Directory.CreateDirectory(Path.GetDirectoryName(paths.IfUp)!);
        paths.WriteIfUp("br0");

        AssertFollows(args, "-netdev", $"tap,id=net0,ifname={QemuCommandLine.TapOf("greeter-1")},script=/run/actors/greeter-1.ifup,downscript=no",
            "-device", "virtio-net-device,netdev=net0,mac=00:16:3e:00:05:64");
        Assert.True(QemuCommandLine.TapOf("greeter-1").Length <= 15);
        Assert.NotEqual(QemuCommandLine.TapOf("greeter-1"), QemuCommandLine.TapOf("greeter-2"));
        Assert.EndsWith("exec ip link set dev \"$1\" master 'br0' up\n", File.ReadAllText(paths.IfUp), StringComparison.Ordinal);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(paths.IfUp).HasFlag(UnixFileMode.UserExecute));
        paths.Delete();
        Assert.False(File.Exists(paths.IfUp));
    }

    [Fact]
    public void User_mode_forwards_listen_on_loopback_only()
    {
        var args = QemuCommandLine.Arguments(Spec with { Network = NetworkSpec.User(4101, 4102) }, Image, Tcg, "/s.qmp");

        Assert.Equal("user,id=net0,net=10.0.2.0/24,hostfwd=tcp:127.0.0.1:4101-10.0.2.15:4101,hostfwd=tcp:127.0.0.1:4102-10.0.2.15:4102", After(args, "-netdev"));
    }

    [Fact]
    public void In_a_network_namespace_qemu_starts_through_nsenter_after_setpriv_and_forwards_listen_on_every_address_there()
    {
        var inNamespace = Tcg with { NetworkNamespace = "actors-h1" };

        var args = QemuCommandLine.Arguments(Spec with { Network = NetworkSpec.User(4101) }, Image, inNamespace, "/s.qmp");

        Assert.Equal(["--pdeathsig", "KILL", "--", "nsenter", "--net=/run/netns/actors-h1", "--", "qemu-system-x86_64"], args.Take(7));
        Assert.Equal("user,id=net0,net=10.0.2.0/24,hostfwd=tcp::4101-10.0.2.15:4101", After(args, "-netdev"));
    }

    private static string After(IReadOnlyList<string> args, string option) => args[args.ToList().IndexOf(option) + 1];

    private static void AssertFollows(IReadOnlyList<string> args, params string[] sequence)
    {
        var list = args.ToList();
        var found = Enumerable.Range(0, list.Count - sequence.Length + 1).Any(i => list.Skip(i).Take(sequence.Length).SequenceEqual(sequence));
        Assert.True(found, $"expected [{string.Join(' ', sequence)}] in [{string.Join(' ', args)}]");
    }
}

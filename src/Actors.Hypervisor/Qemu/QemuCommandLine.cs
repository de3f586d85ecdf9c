using System.Security.Cryptography;
using System.Text;

namespace Actors.Hypervisor;

/// <summary>The command that runs one domain: <c>setpriv --pdeathsig KILL -- qemu-system-x86_64 -M microvm ...</c>, or
/// in a named network namespace <c>setpriv --pdeathsig KILL -- nsenter --net=/run/netns/NAME -- qemu-system-x86_64 ...</c>
/// (nsenter enters the namespace and execs QEMU in the same process, so the parent-death signal still holds).</summary>
internal static class QemuCommandLine
{
    public const string Launcher = "setpriv";
    public const string Emulator = "qemu-system-x86_64";
    public const string NamespaceEntry = "nsenter";

    /// <param name="spec">The domain.</param>
    /// <param name="image">Its image.</param>
    /// <param name="settings">The driver's settings.</param>
    /// <param name="qmpSocket">A unix socket the driver listens on; QEMU connects to it as its QMP client end.</param>
    public static IReadOnlyList<string> Arguments(DomainSpec spec, QemuImage image, QemuSettings settings, string qmpSocket)
    {
        // setpriv makes QEMU die with the thread that started it, so a crashed host process leaves no VM behind.
        List<string> args = ["--pdeathsig", "KILL", "--"];
        if (settings.NetworkNamespacePath is { } netns)
        {
            args.AddRange([NamespaceEntry, $"--net={netns}", "--"]);
        }

        args.AddRange([Emulator, "-name", spec.Name]);

        // microvm's ACPI stays on: the Debian kernel finds virtio-mmio devices and the power button only through it.
        args.AddRange(["-M", "microvm"]);
        args.AddRange(settings.Accelerator == QemuAccelerator.Kvm
            ? ["-accel", "kvm", "-cpu", "host"]
            : ["-accel", "tcg", "-cpu", "max"]);
        args.AddRange(["-m", $"{spec.MemoryMiB}", "-smp", $"{spec.VCpus}", "-nographic", "-no-reboot"]);
        args.AddRange(["-kernel", image.Kernel, "-initrd", image.Initrd]);
        args.AddRange(["-append", KernelCommandLine.Build(spec, KernelWords(TscKhz(settings)))]);

        // The serial console goes to QEMU's stdout, which the driver reads as a stream (and copies to the console log).
        args.AddRange(["-serial", "stdio", "-monitor", "none"]);
        args.AddRange(["-chardev", $"socket,id=qmp,path={Escape(qmpSocket)}", "-mon", "chardev=qmp,mode=control"]);

        var i = 0;
        foreach (var disk in image.Disks(spec))
        {
            args.AddRange(["-drive", $"file={Escape(disk)},format=raw,if=none,id=ro{i},readonly=on",
                "-device", $"virtio-blk-device,drive=ro{i}"]);
            i++;
        }

        if (spec.Network is { } net)
        {
            args.AddRange(["-netdev", Netdev(spec, net, settings), "-device", $"virtio-net-device,netdev=net0,mac={net.Mac ?? Mac(spec.Name)}"]);
        }

        return args;
    }

    /// <summary>Whether QEMU makes the domain's tap itself and puts it on the bridge with the domain's ifup script
    /// (<see cref="QemuPaths.IfUp"/>): a bridged domain with no tap of its own in a network namespace, where QEMU runs
    /// as root and qemu-bridge-helper's access list (<c>/etc/qemu/bridge.conf</c>) need not be touched.</summary>
    public static bool TapsItself(DomainSpec spec, QemuSettings settings) =>
        spec.Network is { IsUserMode: false, Tap: null } && settings.NetworkNamespace is not null;

    /// <summary>A tap name for the domain: at most 15 bytes, stable for a domain name.</summary>
    public static string TapOf(string name) => $"tap{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..10]}";

    public static long? TscKhz(QemuSettings settings) => settings.Accelerator == QemuAccelerator.Tcg ? settings.TscKhz : null;

    // In a network namespace QEMU makes the tap and the ifup script bridges it (TapsItself). Otherwise a named tap (made
    // by the caller) is used as is; without one, qemu-bridge-helper makes a tap and adds it to
    // the bridge (it needs "allow <bridge>" in /etc/qemu/bridge.conf).
    // User mode forwards each port from the host's loopback to the guest's same port; in a network namespace, from
    // every address of the namespace, so that other namespaces reach the guest at the namespace's own address.
    private static string Netdev(DomainSpec spec, NetworkSpec net, QemuSettings settings) => net switch
    {
        _ when TapsItself(spec, settings) =>
            $"tap,id=net0,ifname={TapOf(spec.Name)},script={Escape(QemuPaths.For(settings.StateDirectory, spec.Name).IfUp)},downscript=no",
        { IsUserMode: true } => string.Concat(
            ["user,id=net0,net=10.0.2.0/24", .. net.ForwardedPorts.Select(p => $",hostfwd=tcp:{ForwardFrom(settings)}:{p}-{NetworkSpec.UserGuestAddress}:{p}")]),
        { Tap: { } tap } => $"tap,id=net0,ifname={Escape(tap)},script=no,downscript=no",
        _ => $"bridge,id=net0,br={Escape(net.Bridge)}",
    };

    // An empty address makes slirp listen on every address (INADDR_ANY) of the namespace QEMU runs in.
    private static string ForwardFrom(QemuSettings settings) => settings.NetworkNamespace is null ? "127.0.0.1" : string.Empty;

    /// <summary>A locally administered MAC in QEMU's 52:54:00 prefix, stable for a domain name across boots.</summary>
    public static string Mac(string name)
    {
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        return $"52:54:00:{h[0]:x2}:{h[1]:x2}:{h[2]:x2}";
    }

    // QEMU option values separate with ','; a literal comma is written twice.
    private static string Escape(string value) => value.Replace(",", ",,", StringComparison.Ordinal);

    /// <summary>What QEMU adds to the guest's command line: the serial console, reboot-free panics and, under TCG,
    /// the TSC rate (without it microvm hangs calibrating the TSC).</summary>
    public static IEnumerable<string> KernelWords(long? tscKhz) =>
        tscKhz is { } khz ? ["console=ttyS0", "panic=-1", $"tsc_early_khz={khz}"] : ["console=ttyS0", "panic=-1"];
}

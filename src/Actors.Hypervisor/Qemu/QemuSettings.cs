namespace Actors.Hypervisor;

/// <summary>What a <c>qemu://</c> URI and the options say, resolved once when the driver opens.</summary>
/// <param name="Capacity">The host's capacity (<c>?memory=&amp;vcpus=</c>).</param>
/// <param name="Accelerator">KVM or TCG (<c>?accel=kvm|tcg</c>; by default KVM where <see cref="KvmProbe"/> finds it usable).</param>
/// <param name="TscKhz">The host TSC rate passed to TCG guests (<c>?tsc_khz=</c>; by default <see cref="HostTsc"/>).</param>
/// <param name="StateDirectory">Where per-domain files go: console logs, QEMU's stderr, QMP sockets.</param>
internal sealed record QemuSettings(HostCapacity Capacity, QemuAccelerator Accelerator, long? TscKhz, string StateDirectory)
{
    /// <summary>Where named network namespaces are (<c>ip netns add NAME</c> makes <c>/run/netns/NAME</c>).</summary>
    public const string NamespaceDirectory = "/run/netns";

    /// <summary>The named network namespace QEMU runs in (<c>?netns=NAME</c>), or null for this process's own.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>The namespace's file, which <c>nsenter --net=</c> enters.</summary>
    public string? NetworkNamespacePath => NetworkNamespace is { } name ? Path.Combine(NamespaceDirectory, name) : null;

    public static QemuSettings Parse(Uri uri, HypervisorOptions options)
    {
        if (uri.Host.Length > 0 || uri.AbsolutePath != "/")
        {
            throw new HypervisorUriException(uri.OriginalString,
                "names a host or path; the direct QEMU driver runs VMs on this machine only: use qemu:// (qemu:///system is libvirt's)");
        }

        var query = UriQuery.Parse(uri);
        var capacity = query.Capacity();
        var accel = query.String("accel") switch
        {
            null => KvmProbe.IsUsable() ? QemuAccelerator.Kvm : QemuAccelerator.Tcg,
            "kvm" => QemuAccelerator.Kvm,
            "tcg" => QemuAccelerator.Tcg,
            var other => throw new HypervisorUriException(uri.OriginalString, $"has accel={other}; use kvm or tcg"),
        };
        var tsc = query.Long("tsc_khz") ?? (accel == QemuAccelerator.Tcg ? HostTsc.ReadKhz() : null);
        var netns = query.String("netns");
        query.EnsureAllUsed();
        if (accel == QemuAccelerator.Tcg && tsc is null)
        {
            // Failing here beats a guest that hangs calibrating its clock.
            throw new HypervisorUriException(uri.OriginalString,
                "runs guests under TCG, which need the host's TSC rate, and this host does not say it: add tsc_khz=<kHz>");
        }

        if (netns is not null)
        {
            CheckNamespace(uri, netns);
        }

        return new QemuSettings(capacity, accel, tsc, options.StateDirectory) { NetworkNamespace = netns };
    }

    // Checked at open so that a missing namespace is one clear error, not a failed boot of every node.
    private static void CheckNamespace(Uri uri, string name)
    {
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || name is "." or "..")
        {
            throw new HypervisorUriException(uri.OriginalString, $"has netns='{name}'; a namespace name is letters, digits, '-', '_' and '.'");
        }

        if (!File.Exists(Path.Combine(NamespaceDirectory, name)))
        {
            throw new HypervisorUriException(uri.OriginalString,
                $"has netns={name}, but there is no {Path.Combine(NamespaceDirectory, name)}: create the namespace first (ip netns add {name}, as root)");
        }
    }
}

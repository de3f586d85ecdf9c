namespace Actors.Hypervisor;

/// <summary>What a <c>qemu://</c> URI and the options say, resolved once when the driver opens.</summary>
/// <param name="Capacity">The host's capacity (<c>?memory=&amp;vcpus=</c>).</param>
/// <param name="Accelerator">KVM or TCG (<c>?accel=kvm|tcg</c>; by default KVM where <see cref="KvmProbe"/> finds it usable).</param>
/// <param name="TscKhz">The host TSC rate passed to TCG guests (<c>?tsc_khz=</c>; by default <see cref="HostTsc"/>).</param>
/// <param name="StateDirectory">Where per-domain files go: console logs, QEMU's stderr, QMP sockets.</param>
internal sealed record QemuSettings(HostCapacity Capacity, QemuAccelerator Accelerator, long? TscKhz, string StateDirectory)
{
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
        query.EnsureAllUsed();
        if (accel == QemuAccelerator.Tcg && tsc is null)
        {
            // Failing here beats a guest that hangs calibrating its clock.
            throw new HypervisorUriException(uri.OriginalString,
                "runs guests under TCG, which need the host's TSC rate, and this host does not say it: add tsc_khz=<kHz>");
        }

        return new QemuSettings(capacity, accel, tsc, options.StateDirectory);
    }
}

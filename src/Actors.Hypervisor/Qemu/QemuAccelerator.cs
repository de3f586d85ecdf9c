namespace Actors.Hypervisor;

/// <summary>How QEMU runs guest code.</summary>
internal enum QemuAccelerator
{
    /// <summary>Hardware virtualisation through <c>/dev/kvm</c>, with the host's CPU model.</summary>
    Kvm,

    /// <summary>QEMU's software translator, with <c>-cpu max</c>: slower, but runs anywhere.</summary>
    Tcg,
}

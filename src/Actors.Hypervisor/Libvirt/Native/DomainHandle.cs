using Microsoft.Win32.SafeHandles;

namespace Actors.Hypervisor;

/// <summary>A <c>virDomainPtr</c> reference, released with <c>virDomainFree</c> (which frees the reference, not
/// the domain).</summary>
internal sealed class DomainHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DomainHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Adopts a reference libvirt handed over, e.g. one element of <c>virConnectListAllDomains</c>.</summary>
    public DomainHandle(nint existing)
        : base(ownsHandle: true) => SetHandle(existing);

    protected override bool ReleaseHandle() => LibvirtNative.virDomainFree(handle) == 0;
}

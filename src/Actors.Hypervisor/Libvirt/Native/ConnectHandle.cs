using Microsoft.Win32.SafeHandles;

namespace Actors.Hypervisor;

/// <summary>A <c>virConnectPtr</c>, closed with <c>virConnectClose</c>.</summary>
internal sealed class ConnectHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ConnectHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LibvirtNative.virConnectClose(handle) >= 0;
}

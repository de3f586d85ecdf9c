namespace Actors.Hypervisor;

/// <summary>libvirt's domain state and reason (<c>virDomainGetState</c>) as contract state.</summary>
internal static class LibvirtStateMap
{
    public static DomainState State(int state) => state switch
    {
        LibvirtConstants.StateShutoff or LibvirtConstants.StateCrashed => DomainState.Off,
        LibvirtConstants.StateShutdown => DomainState.ShuttingDown,

        // Running, blocked, paused and suspended domains all hold their memory and vCPUs.
        _ => DomainState.Running,
    };

    /// <summary>Why an off domain stopped, from libvirt's shut-off reason, which the host keeps across driver
    /// restarts; null for a domain that never ran. The same mapping as <see cref="LibvirtEventMap.ReasonOf"/>.</summary>
    public static StopReason? LastStop(int state, int reason) => state switch
    {
        LibvirtConstants.StateCrashed => StopReason.Crashed,
        LibvirtConstants.StateShutoff => reason switch
        {
            LibvirtConstants.ShutoffUnknown => null,
            LibvirtConstants.ShutoffShutdown => StopReason.Shutdown,
            LibvirtConstants.ShutoffDestroyed => StopReason.Destroyed,
            _ => StopReason.Crashed,
        },
        _ => null,
    };
}

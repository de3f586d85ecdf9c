namespace Actors.Hypervisor;

/// <summary>libvirt lifecycle events (<c>virDomainEventType</c> and its detail) as contract events.</summary>
internal static class LibvirtEventMap
{
    private static readonly string[] DefinedDetails = ["added", "updated", "renamed", "from-snapshot"];
    private static readonly string[] UndefinedDetails = ["removed", "renamed"];
    private static readonly string[] StartedDetails = ["booted", "migrated", "restored", "from-snapshot", "wakeup"];
    private static readonly string[] StoppedDetails = ["shutdown", "destroyed", "crashed", "migrated", "saved", "failed", "from-snapshot"];

    /// <summary>The contract event, or null for events the contract has no kind for (suspend, resume, a
    /// redefinition of a domain that already existed).</summary>
    public static DomainEvent? ToEvent(string domain, int type, int detail, DateTimeOffset ts) => type switch
    {
        LibvirtConstants.EventDefined when detail != LibvirtConstants.DefinedUpdated =>
            new DomainEvent(domain, DomainEventKind.Defined, ts, Detail: Name(DefinedDetails, detail)),
        LibvirtConstants.EventUndefined => new DomainEvent(domain, DomainEventKind.Undefined, ts, Detail: Name(UndefinedDetails, detail)),
        LibvirtConstants.EventStarted => new DomainEvent(domain, DomainEventKind.Started, ts, Detail: Name(StartedDetails, detail)),
        LibvirtConstants.EventStopped => new DomainEvent(domain, DomainEventKind.Stopped, ts, ReasonOf(detail), Name(StoppedDetails, detail)),
        _ => null,
    };

    /// <summary>Shutdown and destroy are what they say. Everything else (a crash, a failure to run, and also a
    /// save, migration or snapshot revert done behind the driver's back) means the node is gone from this host
    /// without the driver having stopped it, which is what <see cref="StopReason.Crashed"/> tells a supervisor.</summary>
    public static StopReason ReasonOf(int stoppedDetail) => stoppedDetail switch
    {
        LibvirtConstants.StoppedShutdown => StopReason.Shutdown,
        LibvirtConstants.StoppedDestroyed => StopReason.Destroyed,
        _ => StopReason.Crashed,
    };

    private static string Name(string[] names, int detail) =>
        detail >= 0 && detail < names.Length ? names[detail] : $"detail {detail}";
}

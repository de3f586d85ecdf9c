namespace Actors.Hypervisor;

/// <summary>A domain lifecycle event, in the order defined, started, stopped, undefined.</summary>
/// <param name="Domain">Domain name.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Ts">When the driver saw it.</param>
/// <param name="Reason">For <see cref="DomainEventKind.Stopped"/>: why.</param>
/// <param name="Detail">Driver detail, e.g. an exit code or signal.</param>
public sealed record DomainEvent(string Domain, DomainEventKind Kind, DateTimeOffset Ts, StopReason? Reason = null, string? Detail = null);

/// <summary>Domain lifecycle event kinds.</summary>
public enum DomainEventKind
{
    /// <summary>The domain was defined.</summary>
    Defined,

    /// <summary>The domain started running.</summary>
    Started,

    /// <summary>The domain stopped; see <see cref="DomainEvent.Reason"/>.</summary>
    Stopped,

    /// <summary>The domain was removed.</summary>
    Undefined,
}

namespace Actors.Supervision;

/// <summary>One line of the <see cref="Timeline"/>: something that happened to a node.</summary>
/// <param name="Seq">Its place in the timeline, from 1; a reader asks for what came after the last it saw.</param>
/// <param name="Ts">When the supervisor saw it.</param>
/// <param name="Kind">summon, boot, adopt, up, kill (destroyed through its driver), crash, stop (it shut itself
/// down, e.g. reaped when idle), unreachable, or restart.</param>
/// <param name="Node">The node (domain) name.</param>
/// <param name="Service">Its service, where known.</param>
/// <param name="Host">Its host, where known.</param>
/// <param name="Detail">A few words more: the boot time, the reason of a death or restart.</param>
public sealed record TimelineEntry(long Seq, DateTimeOffset Ts, string Kind, string Node, string? Service, string? Host, string? Detail);

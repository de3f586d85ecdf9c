namespace Actors;

/// <summary>Something the runtime or a service did: a node came up, a child restarted, a supervisor gave
/// up, a reply crossed nodes. Published on the node's event stream and printed by the local cluster.</summary>
/// <param name="Ts">When it happened.</param>
/// <param name="Event">Dotted name, e.g. <c>node.up</c>, <c>child.restart</c>, <c>supervisor.escalate</c>.</param>
/// <param name="Service">The service of the node it happened on, if known.</param>
/// <param name="Node">The node it happened on (<c>service-N@host</c>), if known.</param>
/// <param name="Fields">Event-specific fields.</param>
public sealed record RuntimeEvent(
    DateTimeOffset Ts,
    string Event,
    string? Service,
    string? Node,
    IReadOnlyDictionary<string, string> Fields);

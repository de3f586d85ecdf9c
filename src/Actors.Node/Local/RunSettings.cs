namespace Actors.Node;

/// <summary>What a run was asked for: the node options, how long to run (null: until a signal), where events go.</summary>
internal sealed record RunSettings(NodeOptions Node, TimeSpan? Duration, EventWriter Events);

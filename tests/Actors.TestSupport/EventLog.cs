namespace Actors.TestSupport;

/// <summary>Collects runtime events from nodes and lets a test await the first one that matches.</summary>
public sealed class EventLog : AwaitableLog<RuntimeEvent>;

namespace Actors.Supervision.Tests.Chaos;

/// <summary>One SIGKILL: the node, its process, and when the supervisor had it up again.</summary>
public sealed record Kill(string Node, int Pid, Task<TimeSpan> Restored);

namespace Actors.Supervision.Tests.Chaos;

/// <summary>The chaos test runs alone, after the project's other tests: it keeps a 2-core machine busy rebooting
/// nodes for a minute, which would slow the others' timed restarts, and they would blur its figures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "chaos";
}

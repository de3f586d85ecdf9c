namespace Actors.Hypervisor.Tests;

/// <summary>Tests that point the process's stderr at a file run alone, so no other test's output lands there.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StderrCollection
{
    public const string Name = "stderr";
}

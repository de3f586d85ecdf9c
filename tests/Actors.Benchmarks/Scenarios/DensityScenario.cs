namespace Actors.Benchmarks;

/// <summary>Placeholder.</summary>
public sealed class DensityScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "density";

    /// <inheritdoc />
    public string Description => "todo";

    /// <inheritdoc />
    public Task<IReadOnlyList<Measurement>> RunAsync(Action<string> progress) => Task.FromResult<IReadOnlyList<Measurement>>([]);
}

namespace Actors.Benchmarks;

/// <summary>Placeholder.</summary>
public sealed class ReactionScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "reaction";

    /// <inheritdoc />
    public string Description => "todo";

    /// <inheritdoc />
    public Task<IReadOnlyList<Measurement>> RunAsync(Action<string> progress) => Task.FromResult<IReadOnlyList<Measurement>>([]);
}

namespace Actors.Benchmarks;

/// <summary>A scenario benchmark: measures ours and a baseline in the same run.</summary>
public interface IScenario
{
    /// <summary>The name given on the command line.</summary>
    string Name { get; }

    /// <summary>What it measures, for --help.</summary>
    string Description { get; }

    /// <summary>Runs the scenario; <paramref name="progress"/> receives short status lines.</summary>
    Task<IReadOnlyList<Measurement>> RunAsync(Action<string> progress);
}

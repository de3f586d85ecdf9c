namespace Actors.Benchmarks;

/// <summary>The trivial program that process-start baselines time: this assembly, run with <see cref="Argument"/>,
/// prints one line and exits before touching anything else.</summary>
public static class FirstLine
{
    /// <summary>The command-line argument that selects it.</summary>
    public const string Argument = "--first-line";
}

namespace Actors.Benchmarks;

/// <summary>One figure of a scenario against its baseline measured in the same run, and the goal for the ratio.</summary>
/// <param name="Metric">What was measured.</param>
/// <param name="Unit">Unit of <paramref name="Value"/> and <paramref name="Baseline"/>.</param>
/// <param name="Value">Ours.</param>
/// <param name="BaselineName">What the baseline is.</param>
/// <param name="Baseline">The baseline's figure.</param>
/// <param name="Goal">The goal for <see cref="Ratio"/>, e.g. "&gt;= 0.95".</param>
public sealed record Measurement(string Metric, string Unit, double Value, string BaselineName, double Baseline, string Goal)
{
    /// <summary>Ours divided by the baseline, unless a paired ratio (median of per-trial ratios) was measured.</summary>
    public double Ratio { get; init; } = Baseline == 0 ? double.NaN : Value / Baseline;

    /// <summary>A measurement from paired trials, whose ratio is the median of the per-trial ratios.</summary>
    public static Measurement FromTrials(string metric, string unit, Trials.Paired paired, string baselineName, string goal) =>
        new(metric, unit, paired.Candidate, baselineName, paired.Baseline, goal) { Ratio = paired.Ratio };

    /// <summary>Whether <see cref="Ratio"/> meets <see cref="Goal"/> (forms: "&gt;= x", "&lt;= x"), or
    /// <see cref="Value"/> does for an absolute goal ("value &lt;= x" in <see cref="Unit"/>).</summary>
    public bool Met => Goal.Split(' ', 3) switch
    {
        ["value", "<=", var x] => Value <= double.Parse(x, System.Globalization.CultureInfo.InvariantCulture),
        ["value", ">=", var x] => Value >= double.Parse(x, System.Globalization.CultureInfo.InvariantCulture),
        [">=", var x, ..] => Ratio >= double.Parse(x, System.Globalization.CultureInfo.InvariantCulture),
        ["<=", var x, ..] => Ratio <= double.Parse(x, System.Globalization.CultureInfo.InvariantCulture),
        _ => false,
    };
}

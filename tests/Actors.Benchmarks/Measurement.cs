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

    /// <summary>Why there is no figure (e.g. "not built yet"); the row then counts as not met.</summary>
    public string? Note { get; init; }

    /// <summary>Whether the figure meets every clause of <see cref="Goal"/>, clauses joined by " and ": "&gt;= x" or
    /// "&lt;= x" is on <see cref="Ratio"/>; "&lt;= x unit" (with a unit) is on <see cref="Value"/> itself.</summary>
    public bool Met => !double.IsNaN(Value) && Goal.Split(" and ").All(clause => clause.Split(' ') switch
    {
        [var op, var x] => Compare(Ratio, op, x),
        [var op, var x, _] => Compare(Value, op, x),
        _ => false,
    });

    /// <summary>A row for a figure that this run could not measure, saying why.</summary>
    public static Measurement NotMeasured(string metric, string unit, string goal, string why) =>
        new(metric, unit, double.NaN, "-", double.NaN, goal) { Note = why };

    private static bool Compare(double value, string op, string x)
    {
        var limit = double.Parse(x, System.Globalization.CultureInfo.InvariantCulture);
        return op switch
        {
            ">=" => value >= limit,
            "<=" => value <= limit,
            _ => false,
        };
    }
}

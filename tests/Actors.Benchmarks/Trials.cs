using System.Diagnostics;

namespace Actors.Benchmarks;

/// <summary>Runs a baseline and a candidate alternately for several trials, so that drift on a shared machine
/// hits both alike, and reports the median rate of each and the median of the per-trial ratios.</summary>
public static class Trials
{
    /// <summary>Times whole runs of <paramref name="operations"/> operations each.</summary>
    public static Task<Paired> AlternateAsync(int trials, long operations, Func<Task> baseline, Func<Task> candidate) =>
        AlternateTimedAsync(trials, operations, () => TimeAsync(baseline), () => TimeAsync(candidate));

    /// <summary>As <see cref="AlternateAsync"/>, for runs that time themselves (to leave set-up out).</summary>
    public static async Task<Paired> AlternateTimedAsync(
        int trials, long operations, Func<Task<TimeSpan>> baseline, Func<Task<TimeSpan>> candidate)
    {
        await baseline();
        await candidate();
        var b = new List<double>();
        var c = new List<double>();
        var ratios = new List<double>();
        for (var i = 0; i < trials; i++)
        {
            // Alternate which side goes first, and start each from a collected heap.
            var first = i % 2 == 0;
            Collect();
            var one = operations / (await (first ? baseline : candidate)()).TotalSeconds;
            Collect();
            var two = operations / (await (first ? candidate : baseline)()).TotalSeconds;
            var (rb, rc) = first ? (one, two) : (two, one);
            b.Add(rb);
            c.Add(rc);
            ratios.Add(rc / rb);
        }

        return new Paired(Median(b), Median(c), Median(ratios));
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>Median rates and the median per-trial ratio (candidate / baseline).</summary>
    public sealed record Paired(double Baseline, double Candidate, double Ratio);
}

using System.Diagnostics;

namespace Actors.Benchmarks;

/// <summary>Runs a baseline and a candidate alternately for several trials (so drift hits both alike) and
/// keeps the median rate of each.</summary>
public static class Trials
{
    /// <summary>Median operations per second of each, over <paramref name="trials"/> alternating trials.</summary>
    public static async Task<(double Baseline, double Candidate)> AlternateAsync(
        int trials, long operations, Func<Task> baseline, Func<Task> candidate)
    {
        await baseline();
        await candidate();
        var b = new List<double>();
        var c = new List<double>();
        for (var i = 0; i < trials; i++)
        {
            b.Add(operations / await TimeAsync(baseline));
            c.Add(operations / await TimeAsync(candidate));
        }

        return (Median(b), Median(c));
    }

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        // Each trial starts from a collected heap, so neither side pays for the other's garbage.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}

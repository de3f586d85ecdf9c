namespace Actors.Benchmarks;

/// <summary>Percentiles of a set of samples (nearest rank).</summary>
public static class Stats
{
    /// <summary>The <paramref name="p"/>-th percentile (0-100) of <paramref name="samples"/>.</summary>
    public static double Percentile(IEnumerable<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The median.</summary>
    public static double Median(IEnumerable<double> samples) => Percentile(samples, 50);

    /// <summary>Collects the heap fully, so that a memory reading after it counts only what is alive; aggressive mode
    /// also gives back the memory the GC keeps committed for later, which would otherwise count in the working set.</summary>
    public static long CollectedHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

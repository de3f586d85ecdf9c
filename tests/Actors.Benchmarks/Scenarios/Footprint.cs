using System.Diagnostics;

namespace Actors.Benchmarks;

/// <summary>What the process holds at one moment, read after a full collection: managed heap, working set, threads.</summary>
internal sealed record Footprint(long Heap, long WorkingSet, int Threads)
{
    public static Footprint Now()
    {
        var heap = Stats.CollectedHeap();
        using var self = Process.GetCurrentProcess();
        return new Footprint(heap, self.WorkingSet64, self.Threads.Count);
    }

    /// <summary>Per-item growth from <paramref name="before"/> to this, in KiB: the larger of heap and working set.</summary>
    public double KiBEachSince(Footprint before, int items) =>
        Math.Max(Heap - before.Heap, WorkingSet - before.WorkingSet) / 1024.0 / items;

    public override string ToString() => $"heap {Heap / 1048576.0:0.0} MiB, working set {WorkingSet / 1048576.0:0.0} MiB, {Threads} threads";
}

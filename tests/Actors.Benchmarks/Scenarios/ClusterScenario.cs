using Actors.Supervision;

namespace Actors.Benchmarks;

/// <summary><c>cluster</c>: the cluster supervisor's host-loss drill on <c>sim://</c> at full size (100,000 nodes over
/// 1,000 hosts, 10% of hosts lost at once, every node on them rescheduled), against the same drill at a tenth of the
/// size in the same run, so that the per-node cost shows whether the supervisor and placement stay linear.</summary>
public sealed class ClusterScenario : IScenario
{
    private static readonly HostLossDrill Full = new() { Nodes = 100_000, Hosts = 1_000 };
    private static readonly HostLossDrill Tenth = new() { Nodes = 10_000, Hosts = 100 };

    /// <inheritdoc />
    public string Name => "cluster";

    /// <inheritdoc />
    public string Description => "sim:// 100,000 nodes / 1,000 hosts, lose 10%: convergence and CPU vs the same at 1/10 size (goal <= 2x per node)";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Measurement>> RunAsync(Action<string> progress)
    {
        progress($"baseline: {Tenth.Nodes:N0} nodes over {Tenth.Hosts:N0} hosts");
        var small = Checked(await Tenth.RunAsync(progress));
        progress($"full: {Full.Nodes:N0} nodes over {Full.Hosts:N0} hosts");
        var full = Checked(await Full.RunAsync(progress));
        return
        [
            new Measurement($"simulated convergence, {full.LostHosts} hosts lost, {full.Rescheduled:N0} nodes rescheduled", "ms",
                full.Convergence.TotalMilliseconds, $"same at {small.Nodes:N0} nodes", small.Convergence.TotalMilliseconds, "<= 1000 ms"),
            new Measurement("recovery CPU time (all threads)", "s", full.RecoveryCpu.TotalSeconds,
                $"same at {small.Nodes:N0} nodes", small.RecoveryCpu.TotalSeconds, "<= 30 s"),
            new Measurement("recovery CPU per rescheduled node", "us", PerNode(full.RecoveryCpu, full.Rescheduled),
                $"same at {small.Nodes:N0} nodes", PerNode(small.RecoveryCpu, small.Rescheduled), "<= 2"),
            new Measurement("first placement + boot CPU per node", "us", PerNode(full.PlacementCpu, full.Nodes),
                $"same at {small.Nodes:N0} nodes", PerNode(small.PlacementCpu, small.Nodes), "<= 2"),
        ];
    }

    private static double PerNode(TimeSpan cpu, int nodes) => cpu.TotalMicroseconds / nodes;

    private static HostLossReport Checked(HostLossReport r) =>
        r.Running == r.Nodes && r.Duplicates == 0 && r.OnLostHosts == 0
            ? r
            : throw new InvalidOperationException($"the drill did not converge: {r}");
}

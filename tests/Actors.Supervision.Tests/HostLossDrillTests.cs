namespace Actors.Supervision.Tests;

/// <summary>The host-loss drill at CI size on <c>sim://</c>; the full size (100,000 nodes, 1,000 hosts) is the
/// benchmarks' <c>cluster</c> scenario.</summary>
public sealed class HostLossDrillTests
{
    [Fact]
    public async Task Losing_a_tenth_of_50_hosts_reschedules_every_one_of_5000_nodes_onto_live_hosts()
    {
        const int nodes = 5_000, hosts = 50;
        var report = await new HostLossDrill { Nodes = nodes, Hosts = hosts }.RunAsync();

        Assert.Equal(hosts / 10, report.LostHosts);
        Assert.InRange(report.Rescheduled, nodes / 20, nodes / 5);
        Assert.True(report.Restarts >= report.Rescheduled);
        Assert.Equal(nodes, report.Running);
        Assert.Equal(0, report.Duplicates);
        Assert.Equal(0, report.OnLostHosts);
        Assert.InRange(report.Convergence, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5));
    }
}

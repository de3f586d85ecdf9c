using System.Diagnostics;
using Actors.Hypervisor;
using Actors.Node;
using Hello;
using Xunit.Abstractions;

namespace Actors.Supervision.Tests;

/// <summary>The supervisor is a cluster singleton: killing the control node that runs it while nodes are being
/// summoned and killed leaves a standby in charge with no orphan and no duplicate domain.</summary>
[Collection(LibvirtTestDriverCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Rounds = 60;
    private static readonly ServiceSpec Greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(3) };
    private static readonly ServiceSpec Desk =
        new ServiceSpec("desk", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<Hello.Greeter>("greeting")))
            .Accepts<Greet>()
            .WithScaling(Scaling.PerTenant(TimeSpan.FromMinutes(10)));

    [Fact]
    public async Task Killing_the_singletons_control_node_during_churn_leaves_no_orphan_and_no_duplicate_domain()
    {
        // The libvirt test driver's state is shared by every connection of this process while one stays open:
        // one host both control nodes reach, as two control nodes would reach a Xen host.
        await using var observer = Hypervisors.Open("test:///default");
        var cluster = new ClusterFile([new HostSpec("t1", "test:///default", 1 << 20, 4096)], PlacementStrategy.Spread, new Uri("http://127.0.0.1:1/"));
        var policy = new VmPolicy { Intensity = 1000, Period = TimeSpan.FromMinutes(1) };
        var state = Path.Combine(Path.GetTempPath(), "actors-failover-tests");
        var (eventsA, eventsB) = (new EventLog(), new EventLog());
        var portA = Ports.FreeLoopback();
        var seed = $"akka.tcp://actors@127.0.0.1:{portA}";

        var a = await ClusterDeployment.StartAsync(cluster with { Control = new Uri($"http://127.0.0.1:{Ports.FreeLoopback()}/") }, [Greeter, Desk], new NodeLaunch(),
            LocalCluster.NodeOptions(1) with { Port = portA, Seeds = [seed] }, state, eventsA.Add, policy);
        await using var b = await ClusterDeployment.StartAsync(cluster with { Control = new Uri($"http://127.0.0.1:{Ports.FreeLoopback()}/") }, [Greeter, Desk], new NodeLaunch(),
            LocalCluster.NodeOptions(2) with { Seeds = [seed] }, state, eventsB.Add, policy, standby: true);
        for (var i = 0; i < 3; i++)
        {
            await eventsA.WaitForAsync(e => e.Event == "node.boot");
        }

        // Churn: tenants summoned and fixed nodes killed as fast as the test can ask, on whichever node is active.
        var random = new Random(7);
        var (summons, kills) = (0, 0);
        var takeover = Stopwatch.StartNew();
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        for (var round = 0; round < Rounds; round++)
        {
            await pace.WaitForNextTickAsync();
            var active = round < Rounds / 2 ? a : b;
            if (round == Rounds / 2)
            {
                takeover.Restart();
                await a.CrashAsync();
                await b.Active.WaitAsync(TimeSpan.FromSeconds(60));
                output.WriteLine($"control node A killed; B active after {takeover.Elapsed.TotalSeconds:F1} s; B adopted {b.Adoption!.Adopted.Count}, destroyed {b.Adoption.Destroyed.Count}");
            }

            // Through the service API: the message waits for the tenant's node, whose summons the proxy repeats
            // until a supervisor boots it.
            ServiceRef.To(active.Node.System, Desk, $"t{random.Next(12)}").Tell(new Greet("churn"), Akka.Actor.ActorRefs.NoSender);
            summons++;
            if (round % 3 == 0)
            {
                var victim = $"greeter-{random.Next(1, 4)}";
                try
                {
                    await observer.DestroyAsync(victim);
                    kills++;
                }
                catch (HypervisorException)
                {
                    // Already down and not yet restarted: the churn is ahead of the supervisor.
                }
            }
        }

        // Settle: wait on B's own events until the hosts and B's table agree, bounded in count and time.
        var verdict = await Settled(observer, b.Table);
        for (var i = 0; i < 200 && verdict is not null; i++)
        {
            try
            {
                await eventsB.WaitForAsync(_ => true, TimeSpan.FromMilliseconds(500));
            }
            catch (OperationCanceledException)
            {
            }

            verdict = await Settled(observer, b.Table);
        }

        var ours = (await observer.ListAsync()).Where(d => d.Labels.GetValueOrDefault(DomainLabels.Cluster) == "actors" && d.State == DomainState.Running).ToList();
        output.WriteLine($"{summons} summons, {kills} kills; running at the end: {string.Join(", ", ours.Select(d => d.Name).Order())}");
        foreach (var e in eventsA.All.Concat(eventsB.All).Where(e => e.Event.StartsWith("node.", StringComparison.Ordinal) || e.Event.StartsWith("supervisor.", StringComparison.Ordinal)))
        {
            output.WriteLine($"{e.Ts:HH:mm:ss.fff} {e.Node} {e.Event} {string.Join(" ", e.Fields.Select(f => $"{f.Key}={f.Value}"))}");
        }

        Assert.Null(verdict);
        Assert.Equal(ours.Count, ours.Select(d => d.Labels[DomainLabels.Child]).Distinct().Count());
        Assert.Contains(eventsB.All, e => e.Event == "supervisor.peer_down");
        Assert.Superset(new[] { "greeter-1", "greeter-2", "greeter-3" }.ToHashSet(), ours.Select(d => d.Name).ToHashSet());
    }

    /// <summary>Null when every running domain of the cluster is a node B supervises and every node B supervises
    /// runs; else what differs.</summary>
    private static async Task<string?> Settled(IHypervisor host, NodeTable table)
    {
        var running = (await host.ListAsync())
            .Where(d => d.Labels.GetValueOrDefault(DomainLabels.Cluster) == "actors" && d.State == DomainState.Running)
            .Select(d => d.Name).ToHashSet();
        var supervised = table.Rows.Where(r => r.State != "down").Select(r => r.Node).ToHashSet();
        var orphans = running.Except(supervised).Order().ToList();
        var missing = supervised.Except(running).Order().ToList();
        var fixedMissing = new[] { "greeter-1", "greeter-2", "greeter-3" }.Where(c => !running.Contains(c)).ToList();
        return orphans.Count + missing.Count + fixedMissing.Count == 0
            ? null
            : $"orphans: [{string.Join(", ", orphans)}], supervised but not running: [{string.Join(", ", missing)}], fixed missing: [{string.Join(", ", fixedMissing)}]";
    }
}

using System.Diagnostics;
using Actors.Hypervisor;
using Actors.Node;

namespace Actors.Supervision;

/// <summary>A fire drill for the cluster supervisor on a simulated data centre: the real supervisor (one control
/// node, its OTP tree of node proxies, placement, host agents) runs <see cref="Nodes"/> nodes over
/// <see cref="Hosts"/> <c>sim://</c> hosts; then <see cref="LostFraction"/> of the hosts are lost at once and
/// every node on them must be restarted on the others. Virtual time stands still while the supervisor works
/// and moves only when every node it waits for has its boot in the driver's hands, so the convergence time is
/// that of the simulated hosts; the supervisor's own cost is the CPU time.</summary>
public sealed record HostLossDrill
{
    private const string Service = "drill";

    /// <summary>Nodes to run.</summary>
    public int Nodes { get; init; } = 100_000;

    /// <summary>Simulated hosts.</summary>
    public int Hosts { get; init; } = 1_000;

    /// <summary>Share of the hosts lost at once.</summary>
    public double LostFraction { get; init; } = 0.1;

    /// <summary>Seed of the simulated world (boot latencies).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Runs the drill; <paramref name="progress"/> gets a line per phase.</summary>
    public async Task<HostLossReport> RunAsync(Action<string>? progress = null)
    {
        progress ??= _ => { };
        var world = new SimWorld(new SimOptions { Seed = Seed, AutoAdvance = false });
        var run = new DrillRun(world);
        var hosts = HostSpecs();
        var placement = new Placement(hosts.Select(h => new Host(h, new HypervisorOptions { Simulation = world, Time = world.Clock })));
        foreach (var host in placement.Hosts)
        {
            host.Driver.Subscribe(run.OnDomainEvent);
        }

        var names = Enumerable.Range(1, Nodes).Select(i => $"{Service}-{i}").ToList();
        run.Expect(names, _ => true);
        var service = new ServiceSpec(Service, new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<Idle>("idle"))) { Scaling = Scaling.Fixed(Nodes) };
        var policy = new VmPolicy { Intensity = Nodes * 2 };
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var node = await Node.Node.StartAsync(ClusterSupervisor.Service([service], placement, new NodeLaunch(), policy), LocalCluster.NodeOptions(1), events: run.OnRuntimeEvent);
        try
        {
            await run.Placed;
            world.Advance(TimeSpan.FromMinutes(1));
            await run.Booted;
            var placementCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var placementWall = wall.Elapsed;
            progress($"{Nodes:N0} nodes placed and booted on {Hosts:N0} hosts in {placementWall.TotalSeconds:0.0} s ({placementCpu.TotalSeconds:0.0} s CPU)");

            var lost = LostHosts(hosts);
            var victims = run.Table.Rows.Where(r => lost.Contains(r.Host)).Select(r => r.Node).ToList();
            run.Expect(victims, h => !lost.Contains(h));
            var restartsBefore = run.Restarts;
            var t0 = world.Now;
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            wall.Restart();
            foreach (var host in lost)
            {
                world.LoseHost(host);
            }

            world.Advance(TimeSpan.Zero);
            await run.Placed;
            world.Advance(TimeSpan.FromMinutes(1));
            await run.Booted;
            var recoveryCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var recoveryWall = wall.Elapsed;
            progress($"{lost.Count} hosts lost, {victims.Count:N0} nodes rescheduled in {recoveryWall.TotalSeconds:0.0} s ({recoveryCpu.TotalSeconds:0.0} s CPU)");

            var (running, duplicates) = await CountRunningAsync(placement, lost);
            return new HostLossReport(Nodes, Hosts, lost.Count, victims.Count, run.Restarts - restartsBefore, run.LastStarted - t0,
                recoveryCpu, recoveryWall, placementCpu, placementWall, running, duplicates, run.Table.Rows.Count(r => lost.Contains(r.Host)));
        }
        finally
        {
            // Terminate rather than stop: an orderly OTP stop of every node would wait on simulated shutdowns
            // that only run when virtual time moves.
            await node.System.Terminate();
            await placement.CloseHostsAsync();
        }
    }

    private List<HostSpec> HostSpecs()
    {
        if (Nodes <= 0 || Hosts <= 0 || LostFraction is < 0 or >= 1)
        {
            throw new ArgumentException($"A drill needs nodes and hosts > 0 and a lost fraction in [0, 1); got {Nodes} nodes, {Hosts} hosts, {LostFraction}.");
        }

        // Room for every node on the hosts that remain, with a tenth to spare.
        var perHost = (int)Math.Ceiling(Nodes / (Hosts * (1 - LostFraction)) * 1.1) + 1;
        var memory = (long)perHost * Resources.Default.MemoryMiB;
        var vcpus = perHost * Resources.Default.VCpus;
        return [.. Enumerable.Range(1, Hosts).Select(i => new HostSpec($"sim-{i}", $"sim://sim-{i}?memory={memory}&vcpus={vcpus}", memory, vcpus))];
    }

    private HashSet<string> LostHosts(List<HostSpec> hosts)
    {
        var count = (int)Math.Round(Hosts * LostFraction);
        var stride = count == 0 ? 1 : (double)Hosts / count;
        return [.. Enumerable.Range(0, count).Select(i => hosts[(int)(i * stride)].Name)];
    }

    private static async Task<(int Running, int Duplicates)> CountRunningAsync(Placement placement, HashSet<string> lost)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var host in placement.Hosts.Where(h => !lost.Contains(h.Spec.Name)))
        {
            foreach (var domain in await host.Driver.ListAsync())
            {
                if (domain.State == DomainState.Running)
                {
                    seen[domain.Name] = seen.GetValueOrDefault(domain.Name) + 1;
                }
            }
        }

        return (seen.Count, seen.Count(kv => kv.Value > 1));
    }

    /// <summary>The drill service's only actor; simulated domains run no code, so it never starts.</summary>
    private sealed class Idle : Akka.Actor.ReceiveActor;
}

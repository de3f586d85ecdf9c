using System.Diagnostics;
using Actors.Hypervisor;
using Actors.Node;
using Actors.Supervision;
using Actors.TestSupport;
using Akka.Actor;
using Hello;

namespace Actors.Benchmarks;

/// <summary><c>reaction</c>: SIGKILL a process node run by the cluster supervisor, then time until its
/// replacement answers a request sent through the service's reference, with where the time went; against the time
/// Akka.Cluster's own failure detector takes to call such a node unreachable, and its downing to remove it.</summary>
public sealed class ReactionScenario : IScenario
{
    private const int Trials = 5;
    private const string Domain = "greeter-1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public string Name => "reaction";

    /// <inheritdoc />
    public string Description => "SIGKILL a process node -> replacement answering vs Akka.Cluster failure detection (goal <= 500 ms and <= 1/20)";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Measurement>> RunAsync(Action<string> progress)
    {
        await ProcessNodes.UseReadyToRunAsync(progress);
        progress($"ours: {Trials} kills of the supervised greeter node, replaced cold");
        var ours = await SupervisedKillsAsync(progress, warmShells: 0);
        progress($"ours: {Trials} kills of the supervised greeter node, replaced from its host's warm pool");
        var warm = await SupervisedKillsAsync(progress, warmShells: 1);
        progress("baseline: a plain Akka.Cluster (default failure detector and split-brain resolver) losing a process member");
        var (unreachable, removed) = await ReactionBaseline.KillAsync(progress);
        var answered = Stats.Median(ours);
        var answeredWarm = Stats.Median(warm);
        return
        [
            new Measurement("SIGKILL -> replacement from a warm shell answering, p50", "ms", answeredWarm,
                "Akka.Cluster: SIGKILL -> member removed (downed)", removed, "<= 500 ms and <= 0.05"),
            new Measurement("SIGKILL -> replacement from a warm shell answering, p50 (vs detection)", "ms", answeredWarm,
                "Akka.Cluster: SIGKILL -> member unreachable", unreachable, "<= 500 ms and <= 0.05"),
            new Measurement("SIGKILL -> replacement answering, p50", "ms", answered,
                "Akka.Cluster: SIGKILL -> member removed (downed)", removed, "<= 500 ms and <= 0.05"),
            new Measurement("SIGKILL -> replacement answering, p50 (vs detection)", "ms", answered,
                "Akka.Cluster: SIGKILL -> member unreachable", unreachable, "<= 500 ms and <= 0.05"),
        ];
    }

    private static async Task<List<double>> SupervisedKillsAsync(Action<string> progress, int warmShells)
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(1) };
        var options = new HypervisorOptions { Services = [greeter], StateDirectory = ProcessNodes.StateDirectory };
        var placement = new Placement([new Host(new HostSpec("local", "process://", 4096, 8) { WarmShells = warmShells }, options)]);
        var pid = 0;
        using var pids = placement.Hosts[0].Driver.Subscribe(e =>
        {
            // "pid N", or "pid N, renamed from shell-..." when a warm shell became the node.
            if (e.Domain == Domain && e.Kind == DomainEventKind.Started)
            {
                Volatile.Write(ref pid, int.Parse(e.Detail!.Split(',')[0].Replace("pid ", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        var events = new EventLog();
        var launch = new NodeLaunch { Program = ProcessNodes.HelloProgram, Environment = ProcessNodes.FastJoin };
        placement.StartWarmPools(launch, ProcessNodes.SeedOptions.ClusterName, events.Add);
        var supervisor = ClusterSupervisor.Service([greeter], placement, launch, new VmPolicy { Intensity = 100, Period = TimeSpan.FromMinutes(1) });
        var control = await Node.Node.StartAsync(supervisor, ProcessNodes.SeedOptions, greeter.MessageTypes, events.Add);
        var answered = new List<double>();
        var phases = new List<Dictionary<string, double>>();
        try
        {
            await events.WaitForAsync(e => e.Event == "node.ready" && e.Fields["domain"] == Domain, Timeout);
            var service = ServiceRef.To(control.System, greeter);
            await service.Ask<Greeting>(new Greet("warm"), Timeout);
            for (var i = 0; i <= Trials; i++)
            {
                // A warm pool's replacement shell must have warmed up since the last kill (a shell is marked warm
                // before its event is sent).
                if (placement.Hosts[0].Pool is { } pool && pool.Warm == 0)
                {
                    await events.WaitForAsync(e => e.Event == "shell.warm", TimeSpan.FromMinutes(2));
                }

                var since = DateTimeOffset.UtcNow;
                var watch = Stopwatch.StartNew();
                Signals.Kill(Volatile.Read(ref pid), Signals.SigKill);
                var first = await FirstReplyAsync(service, watch);
                await events.WaitForAsync(e => e.Event == "node.ready" && e.Ts >= since, Timeout);
                var phase = Phases(events, since);
                phase["replacement answers"] = first;
                if (i > 0)
                {
                    answered.Add(first);
                    phases.Add(phase);
                }
            }
        }
        finally
        {
            await control.StopAsync();
            await placement.Hosts[0].DisposeAsync();
        }

        progress($"ours ({(warmShells > 0 ? "warm" : "cold")}), median ms after the SIGKILL: " + string.Join(", ",
            phases[0].Keys.Select(k => $"{k} {Stats.Median(phases.Select(p => p[k])):0}")));
        return answered;
    }

    /// <summary>Asks every 10 ms until the first answer: asks that reach the dead node are lost, later ones wait in
    /// the service's reference until the replacement is Up.</summary>
    private static async Task<double> FirstReplyAsync(IActorRef service, Stopwatch watch)
    {
        var first = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        while (!first.Task.IsCompleted && watch.Elapsed < Timeout)
        {
            _ = service.Ask<Greeting>(new Greet("probe"), TimeSpan.FromSeconds(10)).ContinueWith(
                t => first.TrySetResult(watch.Elapsed.TotalMilliseconds), TaskContinuationOptions.OnlyOnRanToCompletion);
            await Task.WhenAny(first.Task, Task.Delay(10));
        }

        return await first.Task;
    }

    private static Dictionary<string, double> Phases(EventLog events, DateTimeOffset since)
    {
        double At(string name) => events.All.FirstOrDefault(e => e.Event == name && e.Ts >= since) is { } e ? (e.Ts - since).TotalMilliseconds : double.NaN;
        var phase = new Dictionary<string, double>
        {
            ["driver reports exit"] = At("node.down"),
            ["restart decided"] = At("child.restart"),
            ["process spawned"] = At("node.boot"),
        };
        foreach (var (k, v) in ProcessNodes.LoggedAfter(Domain, since, "node.starting", "child.start", "node.up"))
        {
            phase[k switch { "node.starting" => "Main", "child.start" => "ActorSystem + service up", _ => "member Up (self)" }] = v;
        }

        phase["supervisor sees Up"] = At("node.ready");
        return phase;
    }
}

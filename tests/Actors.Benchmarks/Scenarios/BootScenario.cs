using System.Diagnostics;
using Actors.Hypervisor;
using Actors.Node;
using Akka.Actor;
using Akka.Cluster;

namespace Actors.Benchmarks;

/// <summary><c>boot</c>: an in-process node from nothing to its first reply (a hosted node inside a running
/// member, and a full cluster member), against a plain ActorSystem's create and first reply; a process node from
/// boot to member Up, against a trivial .NET program's start to its first line.</summary>
public sealed class BootScenario : IScenario
{
    private const int InProcTrials = 300;
    private const int WarmUp = 30;
    private const int MemberTrials = 8;
    private const int ProcessTrials = 7;
    private const int QemuTrials = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public string Name => "boot";

    /// <inheritdoc />
    public string Description => "node cold -> first reply (in-process, goal <= 10 ms) and process node boot -> member Up (goal <= 300 ms)";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Measurement>> RunAsync(Action<string> progress)
    {
        var host = await Node.Node.StartAsync(EchoService.Spec, ProcessNodes.SeedOptions, Hello.HelloServices.Greeter.MessageTypes);
        try
        {
            progress($"in-process: hosted node vs plain ActorSystem, cold -> first reply, {InProcTrials} each alternating");
            var (hosted, plain) = await HostedVsPlainAsync(host.System);
            progress($"in-process: full cluster member cold -> first reply, {MemberTrials} trials");
            var member = await FullMembersAsync();
            await ProcessNodes.UseReadyToRunAsync(progress);
            progress($"process: greeter node (ReadyToRun publish) boot -> member Up vs trivial program start -> first line, {ProcessTrials} each");
            var (processUp, trivial) = await ProcessNodesAsync(host, ProcessNodes.HelloProgram, progress);
            progress($"process: greeter node (plain build, JIT) boot -> member Up, {ProcessTrials} trials");
            var (jitUp, _) = await ProcessNodesAsync(host, ProcessNodes.JitProgram, progress);
            progress($"process: warm shell (--shell) -> becomes a greeter -> first reply, {ProcessTrials} trials");
            var warm = await WarmShells.MeasureAsync(host, ProcessTrials);
            progress($"qemu: baked greeter microVM (TCG) boot -> member Up vs -> init starting the node, {QemuTrials} trials");
            var (vmUp, vmInit) = await QemuBoot.MeasureAsync(QemuTrials, progress);
            return
            [
                Row("in-process hosted node cold -> first reply, p50", hosted, plain, 50),
                Row("in-process hosted node cold -> first reply, p99", hosted, plain, 99),
                Row("in-process full member cold -> first reply, p50", member, plain, 50),
                // In process there is nothing to keep warm: a hosted node's cold boot (an actor subtree in a running
                // member) is held to the warm pool's goal instead of building a pool that could only be slower.
                Row("in-process hosted node cold -> first reply (warm-pool goal), p99", hosted, plain, 99) with { Goal = "<= 2 ms" },
                new Measurement("process node boot -> member Up, p50", "ms", Stats.Median(processUp),
                    "trivial dotnet program start -> first line, p50", Stats.Median(trivial), "<= 300 ms"),
                new Measurement("process node boot -> member Up, plain build (JIT), p50", "ms", Stats.Median(jitUp),
                    "trivial dotnet program start -> first line, p50", Stats.Median(trivial), "<= 300 ms"),
                new Measurement("process node from a warm shell -> serving, p50", "ms", Stats.Median(warm),
                    "process node boot -> member Up, p50", Stats.Median(processUp), "<= 40 ms"),
                new Measurement("QEMU microVM (TCG) boot -> member Up, p50", "ms", Stats.Median(vmUp),
                    "QEMU start -> init starts the node (kernel + init), p50", Stats.Median(vmInit), "<= 10000 ms"),
            ];
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static Measurement Row(string metric, List<double> ours, List<double> plain, double p) =>
        new(metric, "ms", Stats.Percentile(ours, p), $"plain ActorSystem create -> first reply, p{p}", Stats.Percentile(plain, p), "<= 10 ms");

    private static async Task<(List<double> Hosted, List<double> Plain)> HostedVsPlainAsync(ActorSystem host)
    {
        var hosted = new List<double>();
        var plain = new List<double>();
        for (var i = 0; i < InProcTrials + WarmUp; i++)
        {
            var watch = Stopwatch.StartNew();
            var node = await HostedNode.StartAsync(host, EchoService.Spec, $"echo-{i}");
            await node.Entry.Ask<Echo>(new Echo(i), Timeout);
            var h = watch.Elapsed.TotalMilliseconds;
            await node.StopAsync();

            var (system, elapsed) = await PlainSystems.CreateAndReplyAsync(i);
            await system.Terminate();
            if (i >= WarmUp)
            {
                hosted.Add(h);
                plain.Add(elapsed.TotalMilliseconds);
            }
        }

        return (hosted, plain);
    }

    private static async Task<List<double>> FullMembersAsync()
    {
        var times = new List<double>();
        for (var i = 0; i <= MemberTrials; i++)
        {
            var watch = Stopwatch.StartNew();
            var node = await Node.Node.StartAsync(EchoService.Spec, LocalCluster.NodeOptions(1) with { ClusterName = $"cold-{i}" });
            await node.System.ActorSelection(EchoService.Spec.EntryPath).Ask<Echo>(new Echo(i), Timeout);
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            await node.StopAsync();
        }

        return times;
    }

    private static async Task<(List<double> Up, List<double> Trivial)> ProcessNodesAsync(Node.Node seed, string program, Action<string> progress)
    {
        await using var driver = Hypervisors.Open("process://", new HypervisorOptions { StateDirectory = ProcessNodes.StateDirectory });
        var cluster = Cluster.Get(seed.System);
        var up = new List<double>();
        var trivial = new List<double>();
        var phases = new List<Dictionary<string, double>>();
        for (var i = 0; i <= ProcessTrials; i++)
        {
            trivial.Add((await ProcessNodes.TrivialFirstLineAsync()).TotalMilliseconds);
            var name = $"boot-{(program == ProcessNodes.JitProgram ? "jit" : "r2r")}-{i}";
            var memberUp = ClusterWatch.WhenAsync<ClusterEvent.MemberUp>(seed.System, e => e.Member.HasRole(ProcessNodes.Role(name)));
            var since = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            await driver.DefineAsync(ProcessNodes.Greeter(name, seed.Address.ToString(), program: program));
            await driver.BootAsync(name);
            var spawned = watch.Elapsed.TotalMilliseconds;
            var member = (await memberUp.WaitAsync(Timeout)).Member;
            up.Add(watch.Elapsed.TotalMilliseconds);
            var logged = ProcessNodes.LoggedAfter(name, since, "node.starting", "child.start");
            logged["spawned"] = spawned;
            logged["seed sees Up"] = up[^1];
            phases.Add(logged);
            await driver.DestroyAsync(name);
            cluster.Down(member.Address);
            await driver.UndefineAsync(name);
        }

        // The first trial pays for the page cache and is left out.
        up.RemoveAt(0);
        trivial.RemoveAt(0);
        phases.RemoveAt(0);
        progress("process node boot, median ms after the boot call: " + string.Join(", ",
            phases[0].Keys.Select(k => $"{k} {Stats.Median(phases.Select(p => p[k])):0}")));
        return (up, trivial);
    }
}

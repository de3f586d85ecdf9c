using Actors.Node;
using Akka.Actor;

namespace Actors.Benchmarks;

/// <summary><c>density</c>: 10,000 hosted nodes live in one member, each answering a request sent from another
/// cluster member through the host's address; their memory and threads per node against full cluster members'
/// (each an ActorSystem with remoting) and plain ActorSystems', measured in the same run.</summary>
public sealed class DensityScenario : IScenario
{
    private const int Nodes = 10_000;
    private const int FullMembers = 4;
    private const int PlainCount = 500;
    private const int InFlight = 200;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public string Name => "density";

    /// <inheritdoc />
    public string Description => "10,000 live in-process nodes each answering another member (goal <= 512 KiB each)";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Measurement>> RunAsync(Action<string> progress)
    {
        var host = await Node.Node.StartAsync(EchoService.Spec, LocalCluster.NodeOptions(1));
        var seeds = new[] { host.Address.ToString() };
        var caller = await Node.Node.StartAsync(EchoService.Spec, LocalCluster.NodeOptions(2) with { Seeds = seeds });
        await host.WhenMembersUpAsync(2);
        await HostedFleet.StopAsync(await HostedFleet.StartAsync(host.System, 200, "warm", 8), 8);
        try
        {
            var before = Footprint.Now();
            progress($"before: {before}");
            var nodes = await HostedFleet.StartAsync(host.System, Nodes, "echo", 8);
            var live = Footprint.Now();
            progress($"{Nodes:N0} hosted nodes live: {live}");
            var answered = await AskEachAsync(caller.System, nodes);
            progress($"{answered:N0} of {Nodes:N0} answered a request from the other member");
            var hostedKiB = live.KiBEachSince(before, Nodes);
            var hostedThreads = (double)(live.Threads - before.Threads) / Nodes;
            await HostedFleet.StopAsync(nodes, 8);

            progress($"baseline: {FullMembers} more full cluster members joined to the host");
            var (fullKiB, fullThreads) = await FullMembersAsync(seeds, FullMembers);
            progress($"baseline: {PlainCount} plain ActorSystems");
            var plainKiB = await PlainSystemsAsync(PlainCount);
            var sameMemory = Nodes * hostedKiB / fullKiB;
            return
            [
                new Measurement("hosted nodes live, each answering another member", "nodes", answered,
                    "full members that fit in the same memory", sameMemory, ">= 10000 nodes"),
                new Measurement("memory per hosted node", "KiB", hostedKiB, "full cluster member", fullKiB, "<= 512 KiB"),
                new Measurement("memory per hosted node (vs plain)", "KiB", hostedKiB, "plain ActorSystem", plainKiB, "<= 512 KiB"),
                new Measurement("threads per hosted node", "threads", hostedThreads, "full cluster member", fullThreads, "<= 0.1"),
            ];
        }
        finally
        {
            await caller.StopAsync();
            await host.StopAsync();
        }
    }

    /// <summary>Sends one request to every node from <paramref name="from"/>, <see cref="InFlight"/> at a time; counts the answers.</summary>
    private static async Task<int> AskEachAsync(ActorSystem from, HostedNode[] nodes)
    {
        var answered = 0;
        await Parallel.ForAsync(0, nodes.Length, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, ct) =>
        {
            var reply = await from.ActorSelection(nodes[i].Path).Ask<Echo>(new Echo(i), Timeout, ct);
            if (reply.Id == i)
            {
                Interlocked.Increment(ref answered);
            }
        });
        return answered;
    }

    private static async Task<(double KiB, double Threads)> FullMembersAsync(string[] seeds, int count)
    {
        var before = Footprint.Now();
        var members = new List<Node.Node>();
        for (var i = 0; i < count; i++)
        {
            members.Add(await Node.Node.StartAsync(EchoService.Spec, LocalCluster.NodeOptions(3 + i) with { Seeds = seeds }));
        }

        var after = Footprint.Now();

        await Task.WhenAll(members.Select(m => m.StopAsync()));
        return (after.KiBEachSince(before, count), (double)(after.Threads - before.Threads) / count);
    }

    private static async Task<double> PlainSystemsAsync(int count)
    {
        var before = Footprint.Now();
        var systems = new List<ActorSystem>();
        for (var i = 0; i < count; i++)
        {
            systems.Add((await PlainSystems.CreateAndReplyAsync(i)).System);
        }

        var after = Footprint.Now();
        foreach (var s in systems)
        {
            await s.Terminate();
        }

        return after.KiBEachSince(before, count);
    }
}

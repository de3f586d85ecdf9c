using System.Diagnostics;
using Actors.ChaosApp;
using Actors.Hypervisor;
using Actors.Node;
using Actors.Supervision.Tests.Chaos;
using Akka.Cluster;
using Xunit.Abstractions;

namespace Actors.Supervision.Tests;

/// <summary>Chaos under load: three services of two process nodes each under the real cluster supervisor, a load
/// generator sending requests through the service API with at-least-once retries, and a chaos actor that
/// SIGKILLs a random node every second.</summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    /// <summary>How long the chaos lasts.</summary>
    private static readonly TimeSpan ChaosDuration = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan KillInterval = TimeSpan.FromSeconds(1);

    /// <summary>One new request per pace: at most 100/s, which leaves the nodes' restarts some of a loaded 2-core
    /// machine.</summary>
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(10);

    /// <summary>Requests outstanding at most: each timed-out attempt may wait in a service reference's buffer while
    /// the service has no node, and that buffer is bounded.</summary>
    private const int MaxInFlight = 1_000;

    /// <summary>How long one attempt waits for its receipt before the request is sent again.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The bound on the whole test but its final shutdown (first boot, chaos, drain of retries, last
    /// restores), under the test runner's 5-minute hang limit.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3.5);

    /// <summary>Time left for the requests still being retried to be answered, kept back from the budget so that
    /// the generator gives up (and says so) before the test's own wait for it ends.</summary>
    private static readonly TimeSpan GiveUpMargin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Under_a_sigkill_a_second_no_acknowledged_request_is_lost_every_node_comes_back_and_no_process_is_left()
    {
        var clock = Stopwatch.StartNew();
        TimeSpan Left() => Budget - clock.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
        var clusterName = $"chaos-{Guid.NewGuid():N}"[..14];
        var state = Path.Combine(Path.GetTempPath(), "actors-chaos-tests", clusterName);
        var journal = Directory.CreateDirectory(Path.Combine(state, "journal")).FullName;
        var services = ChaosServices.All;
        var desired = services.SelectMany(s => Enumerable.Range(1, ((FixedScaling)s.Scaling).Instances).Select(i => $"{s.Name}-{i}")).ToArray();
        var nodes = new NodeWatch(desired);
        var seed = Random.Shared.Next();
        output.WriteLine($"cluster {clusterName}, {desired.Length} nodes ({string.Join(", ", desired)}), seed {seed}");

        var host = new Host(new HostSpec("local", "process://", 16_384, 64), new HypervisorOptions { Services = services, StateDirectory = state });
        var launch = new NodeLaunch
        {
            Program = Path.Combine(AppContext.BaseDirectory, "Actors.ChaosApp.dll"),
            Environment = new Dictionary<string, string>(ControlNode.FastGossip) { [ChaosServices.JournalVariable] = journal },
        };
        // Each service loses about a third of the kills: far more restarts than OTP's default intensity allows.
        var policy = new VmPolicy { Intensity = 1_000, Period = TimeSpan.FromMinutes(1) };
        var placement = new Placement([host]);
        var active = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = new SupervisorRun(services, () => Task.FromResult((placement, new AdoptionReport([], [], []))), launch, clusterName)
        {
            Policy = policy,
            OwnsHosts = false,
            Activated = a => active.TrySetResult(),
        };
        // The supervisor as deployed: the singleton on the only control node, which becomes active at once.
        var control = await Actors.Node.Node.StartAsync(SupervisorSingleton.Service(run), LocalCluster.NodeOptions(1) with { ClusterName = clusterName },
            services.SelectMany(s => s.MessageTypes), nodes.Apply);
        try
        {
            await active.Task.WaitAsync(Left());
            await nodes.WhenAllUpAsync().WaitAsync(Left());
            output.WriteLine($"all {desired.Length} nodes up {clock.Elapsed.TotalSeconds:F1} s after the start");
            Assert.Equal(desired.Length, ClusterProcesses.Of(clusterName).Count);

            var driver = (ProcessHypervisor)host.Driver;
            var done = new TaskCompletionSource<ChaosReport>(TaskCreationOptions.RunContinuationsAsynchronously);
            var ticks = (int)(ChaosDuration / KillInterval);
            using var stopSending = new CancellationTokenSource();
            using var giveUp = new CancellationTokenSource(Left() > GiveUpMargin ? Left() - GiveUpMargin : TimeSpan.Zero);
            var generator = new LoadGenerator([.. services.Select(s => ServiceRef.To(control.System, s))], Pace, MaxInFlight, AttemptTimeout);
            var chaosClock = Stopwatch.StartNew();
            var load = generator.RunAsync(stopSending.Token, giveUp.Token);
            control.System.ActorOf(ChaosMonkey.Props(nodes, driver.PidOf, new Random(seed), KillInterval, ticks, done), "chaos");

            var chaos = await done.Task.WaitAsync(Left());
            var chaosTook = chaosClock.Elapsed;
            stopSending.Cancel();
            var lastKill = Stopwatch.StartNew();
            var restorations = await Task.WhenAll(chaos.Kills.Select(k => k.Restored)).WaitAsync(Left());
            await nodes.WhenAllUpAsync().WaitAsync(Left());
            var allUpAfter = lastKill.Elapsed;
            var requests = await load.WaitAsync(Left());
            await control.WhenMembersUpAsync(desired.Length + 1).WaitAsync(Left());
            var members = (await CurrentMembersAsync(control.System, Left())).Where(m => m.Status == MemberStatus.Up).ToList();

            var lost = Lost(requests, journal);
            output.WriteLine($"chaos: {chaosTook.TotalSeconds:F1} s, {chaos.Kills.Count} kills (SIGKILL), {chaos.Skipped} ticks with no node up, {nodes.Restarts} node restarts");
            output.WriteLine($"requests: {requests.Sent} sent, {requests.Acknowledged.Count} acknowledged, {requests.Retries} retries, {requests.GivenUp} given up, {lost.Count} lost");
            output.WriteLine($"latency (first send to receipt): p50 {requests.Percentile(0.50):F1} ms, p99 {requests.Percentile(0.99):F1} ms, max {requests.Percentile(1):F1} ms");
            output.WriteLine($"kill to node up again: p50 {Percentile(restorations, 0.50):F0} ms, p99 {Percentile(restorations, 0.99):F0} ms, max {Percentile(restorations, 1):F0} ms; " +
                $"all {desired.Length} up {allUpAfter.TotalMilliseconds:F0} ms after the last tick");
            output.WriteLine($"kill to restart begun: p50 {Percentile(nodes.Detections, 0.50):F0} ms, max {Percentile(nodes.Detections, 1):F0} ms");

            Assert.Equal(ticks, chaos.Kills.Count + chaos.Skipped);
            // Only nodes that are up are killed: on a loaded machine some ticks find every node still booting.
            Assert.True(chaos.Kills.Count >= ticks / 4, $"only {chaos.Kills.Count} of {ticks} ticks found a node up to kill");
            Assert.True(nodes.Restarts >= chaos.Kills.Count, $"{nodes.Restarts} restarts for {chaos.Kills.Count} kills");
            Assert.True(requests.Sent > 0);
            Assert.Empty(lost);
            Assert.Equal(0, requests.GivenUp);
            Assert.Equal(requests.Sent, requests.Acknowledged.Count);
            Assert.All(services, s => Assert.Equal(((FixedScaling)s.Scaling).Instances, members.Count(m => m.HasRole(s.Name))));
        }
        finally
        {
            await control.StopAsync();
            await host.DisposeAsync();
        }

        var orphans = ClusterProcesses.Of(clusterName);
        Assert.True(orphans.Count == 0, $"processes of cluster {clusterName} left running:\n{string.Join('\n', orphans)}");
        Directory.Delete(state, recursive: true);
    }

    /// <summary>The acknowledged requests whose id is not in the journal of the process that sent the receipt.</summary>
    private static List<long> Lost(LoadReport requests, string journal)
    {
        var journals = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        var lost = new List<long>();
        foreach (var (id, receipt) in requests.Acknowledged)
        {
            var path = JournalWorker.PathOf(journal, receipt.Node, receipt.Pid);
            if (!journals.TryGetValue(path, out var ids))
            {
                ids = File.Exists(path)
                    ? [.. File.ReadLines(path).Where(l => long.TryParse(l, out _)).Select(long.Parse)]
                    : [];
                journals[path] = ids;
            }

            if (!ids.Contains(id))
            {
                lost.Add(id);
            }
        }

        return lost;
    }

    /// <summary>The members as the cluster's event publisher has them now (the same source as the supervisor's events;
    /// <see cref="Cluster.State"/> is a view that may lag behind it).</summary>
    private static async Task<IReadOnlyCollection<Member>> CurrentMembersAsync(Akka.Actor.ActorSystem system, TimeSpan timeout)
    {
        var cluster = Cluster.Get(system);
        var inbox = Akka.Actor.Inbox.Create(system);
        cluster.Subscribe(inbox.Receiver, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
        try
        {
            // With a snapshot subscription the first message is the snapshot.
            return ((ClusterEvent.CurrentClusterState)await inbox.ReceiveAsync(timeout)).Members;
        }
        finally
        {
            cluster.Unsubscribe(inbox.Receiver);
        }
    }

    private static double Percentile(IEnumerable<TimeSpan> values, double q)
    {
        var sorted = values.Select(v => v.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[(int)Math.Round(q * (sorted.Length - 1))];
    }
}

using System.Diagnostics;
using Actors.Node;
using Akka.Actor;

namespace Actors.Benchmarks;

/// <summary><c>churn</c>: 10,000 in-process (hosted) nodes booted, asked once and torn down, a few at a time,
/// against plain ActorSystems created, asked and terminated one after another; then whether the process's
/// threads and memory came back to where they were before the churn.</summary>
public sealed class ChurnScenario : IScenario
{
    private const int Nodes = 10_000;
    private const int PlainCount = 2_000;
    private const int Parallel = 8;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(40);

    /// <inheritdoc />
    public string Name => "churn";

    /// <inheritdoc />
    public string Description => "boot + first reply + tear down of 10,000 in-process nodes (goal >= 1,000 nodes/s, threads and memory back within 10%)";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Measurement>> RunAsync(Action<string> progress)
    {
        var host = await Node.Node.StartAsync(EchoService.Spec, LocalCluster.NodeOptions(1));
        try
        {
            progress($"warm-up: 500 hosted nodes and 100 plain ActorSystems");
            await ChurnHostedAsync(host.System, 500, "warm");
            await ChurnPlainAsync(100);
            var before = Footprint.Now();
            progress($"before: {before}");

            progress($"hosted nodes: {Nodes:N0} booted, asked and stopped, {Parallel} at a time");
            var hosted = await ChurnHostedAsync(host.System, Nodes, "churn");
            var after = Footprint.Now();
            progress($"after hosted churn: {after}, {ThreadPool.ThreadCount} of them the thread pool's");
            var (threads, settle) = await ThreadsSettledAsync(before.Threads, progress);

            progress($"plain ActorSystems: {PlainCount:N0} created, asked and terminated one after another");
            var plain = await ChurnPlainAsync(PlainCount);
            progress($"after plain churn: {Footprint.Now()}");
            return
            [
                new Measurement("hosted nodes booted + answered + torn down", "nodes/s", Nodes / hosted.TotalSeconds,
                    "plain ActorSystems, sequential", PlainCount / plain.TotalSeconds, ">= 1000 nodes/s"),
                new Measurement($"threads after the churn, idle pool threads retired ({settle.TotalSeconds:0} s)", "threads", threads, "threads before", before.Threads, "<= 1.1"),
                new Measurement("managed heap after the churn", "MiB", after.Heap / 1048576.0, "heap before", before.Heap / 1048576.0, "<= 1.1"),
                new Measurement("working set after the churn", "MiB", after.WorkingSet / 1048576.0, "working set before", before.WorkingSet / 1048576.0, "<= 1.1"),
            ];
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>The thread pool grows while the churn keeps it busy and retires a worker after it has been idle for
    /// its idle timeout (20 s by default): the process's thread count, polled each second until it is back within 10% of
    /// <paramref name="before"/> or <see cref="SettleLimit"/> has passed, and how long that took.</summary>
    private static async Task<(int Threads, TimeSpan After)> ThreadsSettledAsync(int before, Action<string> progress)
    {
        var watch = Stopwatch.StartNew();
        var threads = Footprint.Now().Threads;
        while (threads > before * 1.1 && watch.Elapsed < SettleLimit)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            threads = Footprint.Now().Threads;
        }

        progress($"threads {threads} after {watch.Elapsed.TotalSeconds:0} s ({ThreadPool.ThreadCount} in the pool)");
        return (threads, watch.Elapsed);
    }

    private static async Task<TimeSpan> ChurnHostedAsync(ActorSystem host, int count, string prefix)
    {
        var watch = Stopwatch.StartNew();
        await System.Threading.Tasks.Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (i, ct) =>
        {
            var node = await HostedNode.StartAsync(host, EchoService.Spec, $"{prefix}-{i}", ct);
            await node.Entry.Ask<Echo>(new Echo(i), Timeout, ct);
            await node.StopAsync();
        });
        return watch.Elapsed;
    }

    private static async Task<TimeSpan> ChurnPlainAsync(int count)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var (system, _) = await PlainSystems.CreateAndReplyAsync(i);
            await system.Terminate();
        }

        return watch.Elapsed;
    }
}

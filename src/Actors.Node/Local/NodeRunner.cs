using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Actors.Node;

/// <summary>Runs a local cluster or one node until Ctrl+C, SIGTERM, the requested duration, or (for one node)
/// the node stopping by itself, then stops gracefully.</summary>
internal static class NodeRunner
{
    public static async Task<int> RunLocalClusterAsync(IReadOnlyList<ServiceSpec> services, RunSettings run)
    {
        using var stop = StopSignal(null);
        var watch = Stopwatch.StartNew();
        var cluster = await LocalCluster.StartAsync(services, run.Events.Write, stop.Token, run.Node);
        run.Events.Write(AppEvent("cluster.up", ("nodes", cluster.Nodes.Count), ("ms", watch.ElapsedMilliseconds)));

        // --for counts from the moment every node is up, so a slow start does not eat the run.
        if (run.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }
        await WaitAsync(stop.Token, Task.WhenAll(cluster.Nodes.Select(n => n.Terminated)));
        await cluster.StopAsync();
        run.Events.Write(AppEvent("cluster.down", ("nodes", cluster.Nodes.Count)));
        return 0;
    }

    public static async Task<int> RunOneAsync(ServiceSpec service, IReadOnlyList<ServiceSpec> all, RunSettings run)
    {
        using var stop = StopSignal(run.Duration);
        var types = all.SelectMany(s => s.MessageTypes);

        // Marks the program's start in the node's log, so that a boot's time splits into runtime start and node start.
        run.Events.Write(AppEvent("node.starting", ("service", service.Name)));
        var node = await Node.StartAsync(service, run.Node, types, run.Events.Write, stop.Token);
        await WaitAsync(stop.Token, node.Terminated);
        await node.StopAsync();
        return node.ExitCode ?? 0;
    }

    public static async Task<int> RunShellAsync(
        System.Net.IPEndPoint endpoint, IReadOnlyList<ServiceSpec> services, Func<IReadOnlyDictionary<string, string>, NodeOptions> options, RunSettings run)
    {
        using var stop = StopSignal(run.Duration);
        run.Events.Write(AppEvent("node.starting", ("service", "shell")));
        await using var shell = await Shell.StartAsync(services, options, run.Events.Write, endpoint.Address, endpoint.Port);
        run.Events.Write(AppEvent("shell.ready", ("port", shell.Port)));
        if (!await WaitAsync(stop.Token, shell.Became))
        {
            return 0;
        }

        var node = await shell.Became;
        await WaitAsync(stop.Token, node.Terminated);
        await node.StopAsync();
        return node.ExitCode ?? 0;
    }

    /// <summary>Waits for a stop request or for <paramref name="ended"/>; true if <paramref name="ended"/> came first.</summary>
    private static async Task<bool> WaitAsync(CancellationToken stop, Task ended)
    {
        var stopped = Task.Delay(Timeout.Infinite, stop);
        return await Task.WhenAny(stopped, ended) == ended;
    }

    private static CancellationTokenSource StopSignal(TimeSpan? duration)
    {
        var cts = duration is { } d ? new CancellationTokenSource(d) : new CancellationTokenSource();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            var registration = PosixSignalRegistration.Create(signal, ctx =>
            {
                ctx.Cancel = true;
                cts.Cancel();
            });
            cts.Token.Register(registration.Dispose);
        }

        return cts;
    }

    private static RuntimeEvent AppEvent(string name, params (string Key, object? Value)[] fields) =>
        RuntimeEvents.Make(DateTimeOffset.UtcNow, name, null, null, fields);
}

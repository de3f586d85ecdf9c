using Actors.Node;

namespace Actors.Supervision.Tests;

/// <summary>Runs a whole <see cref="ClusterDeployment"/> (control endpoint, metrics endpoint) over in-process hosts.
/// Every deployment in this process has a meter of the same name, and every metrics endpoint shows them all: a test
/// tells its own series apart by its hosts' names. Its tests share one collection, so that they do not also share
/// the machine's two cores with each other.</summary>
public static class SupervisorMeter
{
    public const string Collection = "supervisor meter";

    public static string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "actors-supervision-tests");

    public static Task<ClusterDeployment> StartAsync(IReadOnlyList<ServiceSpec> services, IReadOnlyList<HostSpec> hosts, EventLog events)
    {
        var file = new ClusterFile(hosts, PlacementStrategy.Spread, new Uri($"http://127.0.0.1:{Ports.FreeLoopback()}/"))
        {
            Metrics = new Uri($"http://127.0.0.1:{Ports.FreeLoopback()}/"),
        };
        return ClusterDeployment.StartAsync(file, services, new NodeLaunch(), LocalCluster.NodeOptions(1), StateDirectory, events.Add);
    }

    /// <summary>Waits until each of <paramref name="nodes"/> is Up and its boot call returned: an in-process node can
    /// be Up before its driver's boot returns, and a kill in between finds no node to destroy.</summary>
    public static async Task UpAsync(EventLog events, params string[] nodes)
    {
        var waiting = nodes.SelectMany(n => new[] { ("node.ready", n), ("node.boot", n) }).ToHashSet();
        while (waiting.Count > 0)
        {
            var e = await events.WaitForAsync(e => e.Fields.TryGetValue("domain", out var d) && waiting.Contains((e.Event, d)));
            waiting.Remove((e.Event, e.Fields["domain"]));
        }
    }
}

[CollectionDefinition(SupervisorMeter.Collection)]
public sealed class SupervisorMeterCollection;

using Actors.Hypervisor;
using Actors.Node;

namespace Actors.Supervision.Tests;

/// <summary>A control node running the cluster supervisor over the given hosts, for one test.</summary>
public sealed class ControlNode : IAsyncDisposable
{
    private ControlNode(Node.Node node, Placement placement, EventLog events, NodeTable table)
    {
        Node = node;
        Placement = placement;
        Events = events;
        Table = table;
    }

    public NodeTable Table { get; }

    public AdoptionReport? Adoption { get; private init; }

    public Node.Node Node { get; }

    public Placement Placement { get; }

    public EventLog Events { get; }

    public static readonly IReadOnlyDictionary<string, string> FastGossip = new Dictionary<string, string>
    {
        ["ACTORS_NODE__GOSSIPINTERVAL"] = "00:00:00.200",
        ["ACTORS_NODE__LEADERACTIONSINTERVAL"] = "00:00:00.200",
    };

    public static async Task<ControlNode> StartAsync(IReadOnlyList<ServiceSpec> services, IReadOnlyList<HostSpec> hosts, NodeLaunch launch, VmPolicy? policy = null, TimeProvider? driverTime = null, SimWorld? simulation = null, bool adopt = false)
    {
        var options = new HypervisorOptions
        {
            Services = services,
            StateDirectory = Path.Combine(Path.GetTempPath(), "actors-supervision-tests"),
            Time = driverTime ?? TimeProvider.System,
            Simulation = simulation,
        };
        var placement = new Placement(hosts.Select(h => new Host(h, options)));
        var adoption = adopt ? await Supervision.Adoption.ReconcileAsync(placement, LocalCluster.NodeOptions(1).ClusterName, services) : null;
        return await StartWithAsync(services, placement, adoption, launch, policy);
    }

    /// <summary>A control node over hosts already open, after <paramref name="adoption"/> if there was one.</summary>
    public static async Task<ControlNode> StartWithAsync(IReadOnlyList<ServiceSpec> services, Placement placement, AdoptionReport? adoption, NodeLaunch? launch = null, VmPolicy? policy = null)
    {
        var events = new EventLog();
        var table = new NodeTable();
        var fastLaunch = (launch ?? new NodeLaunch()) with { Environment = FastGossip };
        placement.StartWarmPools(fastLaunch, LocalCluster.NodeOptions(1).ClusterName, events.Add);
        var supervisor = ClusterSupervisor.Service(services, placement, fastLaunch, policy, adoption?.Summoned);
        var node = await Actors.Node.Node.StartAsync(supervisor, LocalCluster.NodeOptions(1), services.SelectMany(s => s.MessageTypes), e =>
        {
            table.Apply(e);
            events.Add(e);
        });
        return new ControlNode(node, placement, events, table) { Adoption = adoption };
    }

    public async ValueTask DisposeAsync()
    {
        await Node.StopAsync();
        foreach (var host in Placement.Hosts)
        {
            await host.DisposeAsync();
        }
    }
}

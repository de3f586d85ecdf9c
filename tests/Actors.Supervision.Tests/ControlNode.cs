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

    /// <summary>A control node over hosts already open, after <paramref name="adoption"/> if there was one: the
    /// supervisor singleton's only candidate, so it becomes active at once.</summary>
    public static async Task<ControlNode> StartWithAsync(IReadOnlyList<ServiceSpec> services, Placement placement, AdoptionReport? adoption, NodeLaunch? launch = null, VmPolicy? policy = null)
    {
        var events = new EventLog();
        var table = new NodeTable();
        var clusterName = LocalCluster.NodeOptions(1).ClusterName;
        var active = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = new SupervisorRun(services, () => Task.FromResult((placement, adoption ?? new AdoptionReport([], [], []))),
            (launch ?? new NodeLaunch()) with { Environment = FastGossip }, clusterName)
        {
            Policy = policy ?? new VmPolicy(),
            Table = table,
            PoolEvents = events.Add,
            OwnsHosts = false,
            Activated = a => active.TrySetResult(),
        };
        var node = await Actors.Node.Node.StartAsync(SupervisorSingleton.Service(run), LocalCluster.NodeOptions(1), services.SelectMany(s => s.MessageTypes), e =>
        {
            table.Apply(e);
            events.Add(e);
        });
        await active.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new ControlNode(node, placement, events, table) { Adoption = adoption };
    }

    public async ValueTask DisposeAsync()
    {
        await Node.StopAsync();
        await Placement.CloseHostsAsync();
    }
}

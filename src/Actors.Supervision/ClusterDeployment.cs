using Actors.Hypervisor;
using Actors.Node;

namespace Actors.Supervision;

/// <summary>A running cluster: the supervisor of an application's services over the hosts of a cluster file. It
/// reconciles what the hosts already run (adopting its own domains after a failover), starts the supervision
/// tree on a control node and serves the control endpoint (<c>actors ps / kill / top</c>) where the file says.
/// Disposing stops every node gracefully, then the control node.</summary>
public sealed class ClusterDeployment : IAsyncDisposable
{
    private readonly Placement _placement;

    private ClusterDeployment(Node.Node node, Placement placement, ControlEndpoint endpoint, NodeTable table, AdoptionReport adoption)
    {
        (Node, _placement, Endpoint, Table, Adoption) = (node, placement, endpoint, table, adoption);
    }

    /// <summary>The control node running the supervisor.</summary>
    public Node.Node Node { get; }

    /// <summary>The control endpoint.</summary>
    public ControlEndpoint Endpoint { get; }

    /// <summary>The nodes as the supervisor's events describe them.</summary>
    public NodeTable Table { get; }

    /// <summary>What the start found on the hosts and kept or removed.</summary>
    public AdoptionReport Adoption { get; }

    /// <summary>Starts the cluster.</summary>
    /// <param name="cluster">Hosts, placement and the control endpoint's address.</param>
    /// <param name="services">The application's services.</param>
    /// <param name="launch">How nodes are launched on each kind of host.</param>
    /// <param name="node">The control node's options (cluster name, address, port).</param>
    /// <param name="stateDirectory">Where drivers keep their state and logs.</param>
    /// <param name="events">Where runtime events go.</param>
    /// <param name="policy">Restart intensity and shutdown timeout for nodes.</param>
    public static async Task<ClusterDeployment> StartAsync(
        ClusterFile cluster, IReadOnlyList<ServiceSpec> services, NodeLaunch launch, NodeOptions node, string stateDirectory,
        Action<RuntimeEvent>? events = null, VmPolicy? policy = null)
    {
        var placement = Placement.Open(cluster, new HypervisorOptions { Services = services, StateDirectory = stateDirectory });
        try
        {
            var adoption = await Supervision.Adoption.ReconcileAsync(placement, node.ClusterName, services);
            var table = new NodeTable();
            placement.StartWarmPools(launch, node.ClusterName, events);
            var supervisor = ClusterSupervisor.Service(services, placement, launch, policy);
            var control = await Actors.Node.Node.StartAsync(supervisor, node, services.SelectMany(s => s.MessageTypes), e =>
            {
                table.Apply(e);
                events?.Invoke(e);
            });
            var endpoint = new ControlEndpoint(table, placement, cluster.Control.Port);
            return new ClusterDeployment(control, placement, endpoint, table, adoption);
        }
        catch
        {
            await DisposeHostsAsync(placement);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Endpoint.DisposeAsync();
        await Node.StopAsync();
        await DisposeHostsAsync(_placement);
    }

    private static async Task DisposeHostsAsync(Placement placement)
    {
        foreach (var host in placement.Hosts)
        {
            await host.DisposeAsync();
        }
    }
}

using Actors.Hypervisor;
using Actors.Node;
using Akka.Actor;

namespace Actors.Supervision;

/// <summary>A control node of a running cluster: the supervisor of an application's services over the hosts of a
/// cluster file, run as an Akka.Cluster singleton (<see cref="SupervisorSingleton"/>). On the control node that holds
/// the singleton it reconciles what the hosts already run (adopting its own domains after a failover), starts the
/// supervision tree and serves the control endpoint (<c>actors ps / kill / top</c>, the dashboard) and the Prometheus
/// metrics endpoint where the file says; a standby control node takes over when that node dies. Disposing stops every
/// node gracefully, then the control node.</summary>
public sealed class ClusterDeployment : IAsyncDisposable
{
    private readonly TaskCompletionSource<Activation> _firstActivation = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SupervisorMetrics _metrics = new();
    private readonly Uri _metricsAddress;
    private volatile Activation? _current;
    private volatile MetricsEndpoint? _metricsEndpoint;
    private string? _failure;

    private ClusterDeployment(NodeTable table, Uri metrics) => (Table, _metricsAddress) = (table, metrics);

    /// <summary>The control node.</summary>
    public Node.Node Node { get; private set; } = null!;

    /// <summary>The control endpoint, while this control node is the active supervisor.</summary>
    public ControlEndpoint? Endpoint => _current?.Endpoint;

    /// <summary>The Prometheus metrics endpoint, while this control node is the active supervisor.</summary>
    public MetricsEndpoint? Metrics => _metricsEndpoint;

    /// <summary>The nodes as the supervisor's events describe them.</summary>
    public NodeTable Table { get; }

    /// <summary>What this node found on the hosts and kept or removed when it became active.</summary>
    public AdoptionReport? Adoption => _current?.Adoption;

    /// <summary>Completes when this control node first becomes the active supervisor.</summary>
    public Task<Activation> Active => _firstActivation.Task;

    /// <summary>Starts a control node and, unless it is a <paramref name="standby"/>, waits until it is the active
    /// supervisor.</summary>
    /// <param name="cluster">Hosts, placement and the control endpoint's address.</param>
    /// <param name="services">The application's services.</param>
    /// <param name="launch">How nodes are launched on each kind of host.</param>
    /// <param name="node">The control node's options (cluster name, address, port, seeds).</param>
    /// <param name="stateDirectory">Where drivers keep their state and logs.</param>
    /// <param name="events">Where runtime events go.</param>
    /// <param name="policy">Restart intensity and shutdown timeout for nodes.</param>
    /// <param name="standby">Join an existing cluster's control nodes without waiting to become active.</param>
    public static async Task<ClusterDeployment> StartAsync(
        ClusterFile cluster, IReadOnlyList<ServiceSpec> services, NodeLaunch launch, NodeOptions node, string stateDirectory,
        Action<RuntimeEvent>? events = null, VmPolicy? policy = null, bool standby = false)
    {
        launch = WithTls(launch, node.Tls, cluster);
        var deployment = new ClusterDeployment(new NodeTable(), cluster.Metrics);
        var options = new HypervisorOptions { Services = services, StateDirectory = stateDirectory };
        var run = new SupervisorRun(services, () => OpenAsync(cluster, options, node.ClusterName, services), launch, node.ClusterName)
        {
            Policy = policy ?? new VmPolicy(),
            ControlPort = cluster.Control.Port,
            Table = deployment.Table,
            PoolEvents = events,
            Activated = deployment.OnActivated,
        };
        deployment.Node = await Actors.Node.Node.StartAsync(SupervisorSingleton.Service(run), node, services.SelectMany(s => s.MessageTypes), e =>
        {
            deployment.Table.Apply(e);
            deployment._metrics.Apply(e);
            if (e.Event == "supervisor.failed")
            {
                deployment._failure = e.Fields["error"];
            }

            events?.Invoke(e);
        });
        deployment._metrics.Observe(deployment.Node.System);
        if (!standby)
        {
            try
            {
                await deployment.Active;
            }
            catch
            {
                await deployment.Node.StopAsync();
                throw;
            }
        }

        return deployment;
    }

    /// <summary>Ends this control node as a crash would, for failover drills: its connections to the hosts close
    /// first, so nothing it had in flight reaches a host afterwards, then its ActorSystem is aborted without leaving
    /// the cluster. Its nodes keep running for the next supervisor to adopt.</summary>
    public async Task CrashAsync()
    {
        if (_current is { } active)
        {
            await active.CloseAsync(ownsHosts: true);
        }

        _metricsEndpoint?.Dispose();

        ((ExtendedActorSystem)Node.System).Abort();
        await Node.Terminated;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!Node.Terminated.IsCompleted)
        {
            await Node.StopAsync();
        }

        _metricsEndpoint?.Dispose();
        _metrics.Dispose();
    }

    /// <summary>In a TLS cluster every launched node gets the control node's certificate file and password, so it can
    /// join. Only hosts on this machine can read that file: a VM host would need the credentials in its image.</summary>
    private static NodeLaunch WithTls(NodeLaunch launch, NodeTlsOptions tls, ClusterFile cluster)
    {
        if (!tls.Enabled)
        {
            return launch;
        }

        var elsewhere = cluster.Hosts.Where(h => !h.Uri.StartsWith("process:", StringComparison.Ordinal) && !h.Uri.StartsWith("inproc:", StringComparison.Ordinal)).ToList();
        if (elsewhere.Count > 0)
        {
            throw new ArgumentException(
                $"node:tls:certificate is set, but host(s) {string.Join(", ", elsewhere.Select(h => $"{h.Name} ({h.Uri})"))} cannot reach the certificate file: " +
                "a TLS cluster launches nodes on process:// and inproc:// hosts only for now");
        }

        var environment = new Dictionary<string, string>(launch.Environment)
        {
            ["ACTORS_NODE__TLS__CERTIFICATE"] = Path.GetFullPath(tls.Certificate),
            ["ACTORS_NODE__TLS__PASSWORD"] = tls.Password,
        };
        return launch with { Environment = environment };
    }

    private static async Task<(Placement, AdoptionReport)> OpenAsync(ClusterFile cluster, HypervisorOptions options, string clusterName, IReadOnlyList<ServiceSpec> services)
    {
        var placement = Placement.Open(cluster, options);
        try
        {
            return (placement, await Supervision.Adoption.ReconcileAsync(placement, clusterName, services));
        }
        catch
        {
            await placement.CloseHostsAsync();
            throw;
        }
    }

    private void OnActivated(Activation? activation)
    {
        _current = activation;
        // Metrics are served where the control endpoint is: by the active supervisor only, so a standby on the same
        // machine does not hold the port the active one needs.
        _metricsEndpoint?.Dispose();
        _metricsEndpoint = null;
        if (activation is not null)
        {
            try
            {
                _metricsEndpoint = MetricsEndpoint.Start(_metricsAddress);
            }
            catch (InvalidOperationException e)
            {
                // At the start: the start fails with this. After a takeover: the supervisor runs on, without metrics.
                _failure = e.Message;
                _firstActivation.TrySetException(e);
                RuntimeEvents.Publish(Node.System, "metrics.failed", ("error", e.Message));
                return;
            }

            _firstActivation.TrySetResult(activation);
        }
        else
        {
            _firstActivation.TrySetException(new InvalidOperationException(
                $"the cluster supervisor stopped before it became active{(_failure is null ? string.Empty : $": {_failure}")}"));
        }
    }
}

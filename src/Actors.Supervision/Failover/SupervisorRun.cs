namespace Actors.Supervision;

/// <summary>Everything a control node needs to become the active cluster supervisor when the singleton moves to it:
/// the services, how to open the hosts and reconcile what they run, how nodes are launched, and where to report.</summary>
/// <param name="Services">The application's services.</param>
/// <param name="OpenAsync">Opens the hosts and reconciles them (adopting the domains a previous supervisor left
/// running); called once per activation.</param>
/// <param name="Launch">How nodes are launched on each kind of host.</param>
/// <param name="ClusterName">The cluster's name, which labels its domains.</param>
public sealed record SupervisorRun(
    IReadOnlyList<ServiceSpec> Services,
    Func<Task<(Placement Placement, AdoptionReport Adoption)>> OpenAsync,
    NodeLaunch Launch,
    string ClusterName)
{
    /// <summary>Restart intensity and shutdown timeout for nodes.</summary>
    public VmPolicy Policy { get; init; } = new();

    /// <summary>The loopback port of the control endpoint while this node is active; null for none.</summary>
    public int? ControlPort { get; init; }

    /// <summary>The nodes as the supervisor's events describe them (what the control endpoint serves).</summary>
    public NodeTable Table { get; init; } = new();

    /// <summary>Where warm pools report their shells.</summary>
    public Action<RuntimeEvent>? PoolEvents { get; init; }

    /// <summary>Whether the active supervisor closes the hosts' connections when it stops (true when it opened them).</summary>
    public bool OwnsHosts { get; init; } = true;

    /// <summary>How long a control node stays unreachable before the oldest reachable one downs it, so that the
    /// singleton can move.</summary>
    public TimeSpan PeerDownAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Called when this node becomes the active supervisor, and with null when it stops being it.</summary>
    public Action<Activation?>? Activated { get; init; }
}

/// <summary>A control node's term as the active supervisor.</summary>
/// <param name="Placement">The hosts it opened.</param>
/// <param name="Adoption">What it found running and kept or removed.</param>
/// <param name="Endpoint">Its control endpoint, if it serves one.</param>
public sealed record Activation(Placement Placement, AdoptionReport Adoption, ControlEndpoint? Endpoint)
{
    private int _closed;

    /// <summary>Ends the term, once: the control endpoint, then the hosts' connections if
    /// <paramref name="ownsHosts"/>, else only their warm pools.</summary>
    public async Task CloseAsync(bool ownsHosts)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        if (Endpoint is not null)
        {
            await Endpoint.DisposeAsync();
        }

        if (ownsHosts)
        {
            await Placement.CloseHostsAsync();
            return;
        }

        foreach (var host in Placement.Hosts.Where(h => h.Pool is not null))
        {
            await host.Pool!.DisposeAsync();
            host.Pool = null;
        }
    }
}

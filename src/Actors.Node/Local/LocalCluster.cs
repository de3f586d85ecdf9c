namespace Actors.Node;

/// <summary>Every service of an application as in-process nodes (one ActorSystem each) that form one
/// Akka.Cluster over loopback: the local mode behind <c>dotnet run</c>.</summary>
public sealed class LocalCluster
{
    private LocalCluster(IReadOnlyList<Node> nodes) => Nodes = nodes;

    /// <summary>The nodes in start order; the first is the seed.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>Options of an in-process node: loopback, a free port, fast gossip so members are Up quickly.</summary>
    public static NodeOptions NodeOptions(int ordinal, NodeOptions? template = null) => (template ?? new()) with
    {
        Ordinal = ordinal,
        Host = "127.0.0.1",
        PublicHost = null,
        Port = 0,
        Seeds = [],
        GossipInterval = TimeSpan.FromMilliseconds(200),
        LeaderActionsInterval = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>How many nodes of <paramref name="service"/> run locally: its fixed count, else one.</summary>
    public static int LocalInstances(ServiceSpec service) => service.Scaling is FixedScaling f ? f.Instances : 1;

    /// <summary>Starts a node per service instance (the first is the seed, the rest join it) and waits
    /// until every node is ready. Every node binds every service's message types, and
    /// <paramref name="messageTypes"/> (those of services that run elsewhere) too.</summary>
    public static async Task<LocalCluster> StartAsync(
        IReadOnlyList<ServiceSpec> services,
        Action<RuntimeEvent>? events = null,
        CancellationToken cancellationToken = default,
        NodeOptions? template = null,
        IEnumerable<Type>? messageTypes = null)
    {
        if (services.Count == 0)
        {
            throw new ArgumentException("The application defines no services; pass at least one ServiceSpec.");
        }

        if (services.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Service name '{twice.Key}' is used by more than one service.");
        }

        var types = services.SelectMany(s => s.MessageTypes).Concat(messageTypes ?? []).Distinct().ToList();
        var plan = services.SelectMany(s => Enumerable.Range(1, LocalInstances(s)).Select(i => (Service: s, Ordinal: i))).ToList();
        var seed = await Node.StartAsync(plan[0].Service, NodeOptions(plan[0].Ordinal, template), types, events, cancellationToken);
        var seeds = new[] { seed.Address.ToString() };
        var starting = plan.Skip(1)
            .Select(p => Node.StartAsync(p.Service, NodeOptions(p.Ordinal, template) with { Seeds = seeds }, types, events, cancellationToken))
            .ToList();
        try
        {
            var rest = await Task.WhenAll(starting);
            Node[] nodes = [seed, .. rest];

            // Ready when every node sees every member Up, so that whatever a test or a user sends first is routed.
            await Task.WhenAll(nodes.Select(n => n.WhenMembersUpAsync(nodes.Length, cancellationToken)));
            return new LocalCluster(nodes);
        }
        catch
        {
            var started = starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).Prepend(seed);
            await Task.WhenAll(started.Select(n => n.StopAsync()));
            throw;
        }
    }

    /// <summary>The running node named <paramref name="name"/> (<c>service-N@host</c>).</summary>
    public Node this[string name] => Nodes.FirstOrDefault(n => n.Name == name)
        ?? throw new KeyNotFoundException($"No node named '{name}' in the local cluster; nodes: {string.Join(", ", Nodes.Select(n => n.Name))}.");

    /// <summary>Stops every node gracefully; the nodes leave the cluster together.</summary>
    public Task StopAsync()
    {
        foreach (var node in Nodes)
        {
            node.MarkStopping();
        }

        return Task.WhenAll(Nodes.Select(n => n.StopAsync()));
    }
}

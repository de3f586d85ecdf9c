using Actors.Node;
using Microsoft.Extensions.Configuration;

namespace Actors.Hypervisor;

/// <summary><c>inproc://</c>: a domain is a node (its own ActorSystem) inside this process. Boot starts the
/// node and waits until it is ready; destroy terminates its ActorSystem at once; shutdown is the node's
/// coordinated shutdown. The node's settings come from the domain's environment (<c>ACTORS_NODE__PORT</c>, ...).</summary>
internal sealed class InProcHypervisor : TableDriver<InProcHypervisor.Domain>, IHypervisor
{
    private readonly HypervisorOptions _options;

    private InProcHypervisor(Uri uri, HostCapacity capacity, HypervisorOptions options)
        : base(uri, capacity)
    {
        _options = options;
    }

    protected override DateTimeOffset Now => _options.Time.GetUtcNow();

    public static InProcHypervisor Open(Uri uri, HypervisorOptions options) => new(uri, UriQuery.CapacityOnly(uri), options);

    protected override Domain NewDomain(DomainSpec spec) => new(spec);

    public async Task BootAsync(string name, CancellationToken cancellationToken = default)
    {
        var service = _options.Services.FirstOrDefault(s => s.Name == Domains.Get(name).Spec.Service)
            ?? throw new InvalidDomainSpecException(Uri, name,
                $"service '{Domains.Get(name).Spec.Service}' is not one of this application's services ({string.Join(", ", _options.Services.Select(s => s.Name))})");
        var domain = BeginBoot(name);
        try
        {
            var options = NodeOptions.Bind(Configuration(domain.Spec));
            var types = _options.Services.SelectMany(s => s.MessageTypes);
            domain.Node = await Node.Node.StartAsync(service, options, types, cancellationToken: cancellationToken, time: _options.Time);
        }
        catch (Exception e)
        {
            domain.State = DomainState.Off;
            Ledger.Release(name);
            throw new HypervisorException(Uri, name, $"node failed to start: {e.Message}", e);
        }

        Publish(name, DomainEventKind.Started);
        var node = domain.Node;
        _ = node.Terminated.ContinueWith(_ => OnStopped(domain, node), TaskScheduler.Default);
    }

    public async Task ShutdownAsync(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var domain = Domains.GetRunning(name, "shut down");
        var node = Started(domain, "shut it down");
        domain.Requested ??= StopReason.Shutdown;
        domain.State = DomainState.ShuttingDown;

        // Taken before the stop starts: the stop replaces the domain's completion source once it has fired.
        var stopped = domain.WhenStopped;
        var stop = node.StopAsync();
        if (await Task.WhenAny(stop, Task.Delay(timeout, cancellationToken)) != stop)
        {
            domain.Requested = StopReason.Destroyed;
            await node.System.Terminate();
        }

        await stopped;
    }

    public async Task DestroyAsync(string name, CancellationToken cancellationToken = default)
    {
        var domain = Domains.GetRunning(name, "destroy");
        var node = Started(domain, "destroy it");
        domain.Requested = StopReason.Destroyed;
        var stopped = domain.WhenStopped;
        await node.System.Terminate();
        await stopped;
    }

    /// <summary>The node of a running domain; a domain whose node is still starting cannot be stopped yet.</summary>
    private Node.Node Started(Domain domain, string operation) =>
        domain.Node ?? throw new DomainStateException(Uri, domain.Spec.Name, $"is still booting; {operation} once it is up");

    /// <summary>The node a running domain runs (for tests and for making it die from outside).</summary>
    internal Node.Node? NodeOf(string name) => Domains.Get(name).Node;

    public async ValueTask DisposeAsync()
    {
        Close();
        foreach (var d in Domains.All().Where(d => d.Node is not null && d.State != DomainState.Off))
        {
            d.Requested = StopReason.Destroyed;
            var stopped = d.WhenStopped;
            await d.Node!.System.Terminate();
            await stopped;
        }
    }

    private void OnStopped(Domain domain, Node.Node node)
    {
        // A node that stopped itself cleanly (an idle reap) shut down; any other unrequested end is a crash.
        var reason = domain.Requested ?? (node.ReapedIdle ? StopReason.Shutdown : StopReason.Crashed);
        domain.Requested = null;
        domain.Node = null;
        MarkStopped(domain, reason);
    }

    private static IConfiguration Configuration(DomainSpec spec) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(spec.Environment
                .Where(kv => kv.Key.StartsWith("ACTORS_", StringComparison.Ordinal))
                .Select(kv => new KeyValuePair<string, string?>(kv.Key["ACTORS_".Length..].Replace("__", ":", StringComparison.Ordinal), kv.Value)))
            .Build();

    internal sealed class Domain(DomainSpec spec) : TableDomain(spec)
    {
        public StopReason? Requested { get; set; }

        public Node.Node? Node { get; set; }
    }
}

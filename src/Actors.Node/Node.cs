using Akka;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Node;

/// <summary>One running node: an ActorSystem that is an Akka.Cluster member with its service's name as
/// role, running the service's root supervisor. Ready once it is a member Up and its root's children started.</summary>
public sealed class Node
{
    private static readonly TimeSpan StopServiceTimeout = TimeSpan.FromSeconds(30);

    private Node(ServiceSpec service, string name, ActorSystem system, Action<RuntimeEvent>? events)
    {
        Service = service;
        Name = name;
        System = system;
        var identity = NodeIdentity.For(system).Name(service.Name, name);
        Terminated = events is null
            ? system.WhenTerminated
            : system.WhenTerminated.ContinueWith(
                _ => events(RuntimeEvents.Stamped(identity, "node.down")),
                TaskScheduler.Default);
    }

    /// <summary>The service this node runs.</summary>
    public ServiceSpec Service { get; }

    /// <summary><c>service-N@host</c>.</summary>
    public string Name { get; }

    /// <summary>The node's ActorSystem.</summary>
    public ActorSystem System { get; }

    /// <summary>The node's cluster address.</summary>
    public Address Address => Akka.Cluster.Cluster.Get(System).SelfAddress;

    /// <summary>Completes when the node has stopped, whatever stopped it (after its <c>node.down</c> event).</summary>
    public Task Terminated { get; }

    /// <summary>Starts a node of <paramref name="service"/> and waits until it is ready.</summary>
    /// <param name="service">The service to run.</param>
    /// <param name="options">Where to bind and whom to join.</param>
    /// <param name="messageTypes">Message types of other services this node talks to, bound to Hyperion too.</param>
    /// <param name="events">Receives every <see cref="RuntimeEvent"/> of the node, <c>node.down</c> included.</param>
    /// <param name="cancellationToken">Abandons the wait for readiness (the node is then stopped).</param>
    /// <param name="time">The node's clock (restart intensity, idle TTL, event timestamps); the system clock by default.</param>
    public static async Task<Node> StartAsync(
        ServiceSpec service,
        NodeOptions options,
        IEnumerable<Type>? messageTypes = null,
        Action<RuntimeEvent>? events = null,
        CancellationToken cancellationToken = default,
        TimeProvider? time = null)
    {
        options.Validate();
        var types = service.MessageTypes.Concat(messageTypes ?? []);
        var config = ConfigurationFactory.ParseString(NodeHocon.Render(options, service.Name, types));
        if (options.Persistence is { Enabled: true, ConnectionString: null or "" } persistence)
        {
            Directory.CreateDirectory(persistence.DataDirectory!);
        }

        var tls = options.Tls.Enabled ? ClusterTls.Load(options.Tls) : null;
        var system = tls is null
            ? ActorSystem.Create(options.ClusterName, config)
            : ActorSystem.Create(options.ClusterName, BootstrapSetup.Create().WithConfig(config).And(tls.Setup()));
        tls?.ReportTo(system);
        if (time is not null)
        {
            NodeIdentity.For(system).UseTime(time);
        }
        var node = new Node(service, options.NodeName(service.Name), system, events);
        if (events is not null)
        {
            var forwarder = system.ActorOf(Props.Create(() => new EventForwarder(events)), "events");
            system.EventStream.Subscribe(forwarder, typeof(RuntimeEvent));
        }

        try
        {
            await node.JoinAndStartAsync(options, cancellationToken);
            return node;
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    /// <summary>The exit code the node's stop calls for: 0 after a requested stop or an idle reap, 3 when the
    /// service's root supervisor gave up; null while running.</summary>
    public int? ExitCode => CoordinatedShutdown.Get(System).ShutdownReason?.ExitCode;

    /// <summary>True when the node stopped itself because it was idle for its TTL (a reap, not a crash).</summary>
    public bool ReapedIdle => CoordinatedShutdown.Get(System).ShutdownReason is ServiceHost.Idle;

    /// <summary>Completes when this node sees at least <paramref name="count"/> members Up.</summary>
    public Task WhenMembersUpAsync(int count, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        System.ActorOf(Props.Create(() => new MembersUpWatcher(count, done)));
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the node gracefully: the service's supervision tree in reverse start order, then
    /// the cluster leave, then the ActorSystem (Akka's coordinated shutdown).</summary>
    public async Task StopAsync()
    {
        MarkStopping();
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
        await Terminated;
    }

    /// <summary>Says that this node's stop is expected, so that remote association errors during it are not reported.</summary>
    internal void MarkStopping() => NodeIdentity.For(System).Stopping = true;

    private async Task JoinAndStartAsync(NodeOptions options, CancellationToken cancellationToken)
    {
        // The service starts before the node joins: a member that other nodes see Up can already serve, so
        // nothing routed to it the moment it is Up falls into dead letters.
        var host = System.ActorOf(Props.Create(() => new ServiceHost(Service, options.IdleTtl)), Service.Name);
        CoordinatedShutdown.Get(System).AddTask(CoordinatedShutdown.PhaseServiceStop, "stop-service", async () =>
        {
            // The root's children may exceed their shutdown: coordinated shutdown goes on after the limit.
            await ServiceHost.StopAsync(host, StopServiceTimeout);
            return Done.Instance;
        });
        await host.Ask<SupervisorCommands.ChildCounts>(ServiceHost.AwaitReady.Instance, cancellationToken: cancellationToken);

        var cluster = Akka.Cluster.Cluster.Get(System);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() =>
        {
            // An idle TTL counts from when others can reach the node, not from its start: a slow join must not use up
            // the time its first message needs to arrive.
            host.Tell(ServiceHost.Joined.Instance);
            up.TrySetResult();
        });
        if (options.Seeds.Count == 0)
        {
            cluster.Join(cluster.SelfAddress);
        }
        else
        {
            cluster.JoinSeedNodes(options.Seeds.Select(Address.Parse));
        }

        await up.Task.WaitAsync(cancellationToken);
        RuntimeEvents.Publish(System, "node.up", ("address", cluster.SelfAddress), ("role", Service.Name));
    }

    private sealed class EventForwarder : ReceiveActor
    {
        public EventForwarder(Action<RuntimeEvent> sink) => Receive<RuntimeEvent>(sink);
    }
}

using Akka;
using Akka.Actor;

namespace Actors.Node;

/// <summary>A lightweight in-process node: a service's root supervisor, under the same <c>ServiceHost</c> as a
/// full node's, running inside a host node's ActorSystem at <c>/user/nodes/{name}</c> instead of in an
/// ActorSystem and cluster membership of its own. Other members reach it through the host member's address
/// (<see cref="Path"/>): messages sent there go to the service's entry child. It costs a few actors where a
/// full member costs an ActorSystem with remoting (~4 MiB, 2-4 threads and a join of about a second); it
/// boots and stops on the host's dispatcher without touching the thread pool's blocking budget, so
/// thousands can come and go. It has no idle TTL, and when its root supervisor gives up it stops alone,
/// leaving the host running.</summary>
public sealed class HostedNode
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private HostedNode(ActorSystem host, ServiceSpec service, string name, IActorRef entry)
    {
        Service = service;
        Name = name;
        Entry = entry;
        Terminated = entry.WatchAsync();
        Path = new RootActorPath(((ExtendedActorSystem)host).Provider.DefaultAddress) / "user" / HostedNodeParent.Name / name;
    }

    /// <summary>The service this node runs.</summary>
    public ServiceSpec Service { get; }

    /// <summary>The node's name, unique within its host (e.g. <c>greeter-17</c>).</summary>
    public string Name { get; }

    /// <summary>The node's ingress in its host: messages told to it go to the service's entry child.</summary>
    public IActorRef Entry { get; }

    /// <summary>Where other cluster members send to: the ingress under the host member's address.</summary>
    public ActorPath Path { get; }

    /// <summary>Completes when the node has stopped, whatever stopped it.</summary>
    public Task Terminated { get; }

    /// <summary>Starts a node of <paramref name="service"/> named <paramref name="name"/> inside
    /// <paramref name="host"/> (a cluster member's ActorSystem) and waits until its root's children have started.</summary>
    public static async Task<HostedNode> StartAsync(ActorSystem host, ServiceSpec service, string name, CancellationToken cancellationToken = default)
    {
        ServiceName.Validate(name);
        var parent = HostedNodeParentExtension.For(host);
        var entry = await parent.Ask<IActorRef>(new HostedNodeParent.Start(service, name), cancellationToken);
        var node = new HostedNode(host, service, name, entry);
        try
        {
            await entry.Ask<SupervisorCommands.ChildCounts>(ServiceHost.AwaitReady.Instance, cancellationToken);
            return node;
        }
        catch
        {
            await node.StopAsync();
            throw;
        }
    }

    /// <summary>Stops the node the OTP way (its supervision tree in reverse start order) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (!await ServiceHost.StopAsync(Entry, StopTimeout))
        {
            // Its children exceeded their shutdown: stop what is left.
            Entry.Tell(PoisonPill.Instance);
        }

        await Terminated;
    }
}

using Akka.Actor;
using Akka.Cluster;

namespace Actors.Images.Tests;

/// <summary>Akka.Cluster membership events of one node, awaitable.</summary>
internal sealed class ClusterWatch : IDisposable
{
    private readonly ActorSystem _system;
    private readonly IActorRef _listener;

    public ClusterWatch(ActorSystem system)
    {
        _system = system;
        _listener = system.ActorOf(Props.Create(() => new Listener(Events)));
        Cluster.Get(system).Subscribe(_listener, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.UnreachableMember));
    }

    public AwaitableLog<ClusterEvent.IClusterDomainEvent> Events { get; } = new();

    public void Dispose()
    {
        Cluster.Get(_system).Unsubscribe(_listener);
        _system.Stop(_listener);
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(AwaitableLog<ClusterEvent.IClusterDomainEvent> events) =>
            Receive<ClusterEvent.IClusterDomainEvent>(events.Add);
    }
}

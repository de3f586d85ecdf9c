using Akka.Actor;

namespace Actors.Node;

/// <summary>One <see cref="HostedNodeParent"/> per ActorSystem, created the first time a node is hosted there.</summary>
internal sealed class HostedNodeParentExtension(ActorSystem system) : IExtension
{
    public IActorRef Parent { get; } = system.ActorOf(Props.Create<HostedNodeParent>(), HostedNodeParent.Name);

    public static IActorRef For(ActorSystem system) => system.WithExtension<HostedNodeParentExtension, Provider>().Parent;

    private sealed class Provider : ExtensionIdProvider<HostedNodeParentExtension>
    {
        public override HostedNodeParentExtension CreateExtension(ExtendedActorSystem system) => new(system);
    }
}

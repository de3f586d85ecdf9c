using Akka.Actor;

namespace Actors.Node;

/// <summary>The parent of a host's hosted nodes, at <c>/user/nodes</c>. It only creates them: each hosted
/// node's host actor supervises its own tree, and a hosted node that dies is simply gone.</summary>
internal sealed class HostedNodeParent : ReceiveActor
{
    public const string Name = "nodes";

    public HostedNodeParent()
    {
        Receive<Start>(s =>
        {
            if (!Context.Child(s.Name).IsNobody())
            {
                Sender.Tell(new Status.Failure(new ArgumentException($"A hosted node named '{s.Name}' is already running here.")));
                return;
            }

            Sender.Tell(Context.ActorOf(Props.Create(() => new ServiceHost(s.Service, null, true)), s.Name));
        });
    }

    /// <summary>Stops nothing on a child's failure beyond that child: a hosted node's failures are its own.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    public sealed record Start(ServiceSpec Service, string Name);
}

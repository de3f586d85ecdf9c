using Akka.Actor;

namespace Actors;

/// <summary>Which service and node an ActorSystem is, and the clock its supervisors use. Set once by the
/// node host; tests set the clock to a fake one.</summary>
public sealed class NodeIdentity : IExtension
{
    /// <summary>The service name, or null outside a node host.</summary>
    public string? Service { get; private set; }

    /// <summary>The node name (<c>service-N@host</c>), or null outside a node host.</summary>
    public string? Node { get; private set; }

    /// <summary>The clock for restart intensity, shutdown timeouts and event timestamps.</summary>
    public TimeProvider Time { get; private set; } = TimeProvider.System;

    /// <summary>True once the node (or its whole local cluster) is stopping: remote association noise is then expected.</summary>
    internal bool Stopping { get; set; }

    /// <summary>The identity of <paramref name="system"/>.</summary>
    public static NodeIdentity For(ActorSystem system) => system.WithExtension<NodeIdentity, NodeIdentityProvider>();

    /// <summary>Names the node.</summary>
    public NodeIdentity Name(string service, string node)
    {
        Service = service;
        Node = node;
        return this;
    }

    /// <summary>Sets the clock that supervisors created from now on use.</summary>
    public NodeIdentity UseTime(TimeProvider time)
    {
        Time = time;
        return this;
    }

    private sealed class NodeIdentityProvider : ExtensionIdProvider<NodeIdentity>
    {
        public override NodeIdentity CreateExtension(ExtendedActorSystem system) => new();
    }
}

using Akka.Actor;

namespace Actors.Hosting;

/// <summary>The hosted nodes, from the container: inject it to reach services. The nodes start with the host
/// (<c>IHost.StartAsync</c>); a hosted service registered after AddActors starts after them, one registered
/// before awaits <see cref="WhenStarted"/>.</summary>
public sealed class ActorsRuntime
{
    private readonly TaskCompletionSource<IReadOnlyList<Node.Node>> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every node is up; fails if they could not start.</summary>
    public Task WhenStarted => _started.Task;

    /// <summary>The running nodes: the local cluster's, or the one node of the configured service.</summary>
    public IReadOnlyList<Node.Node> Nodes => _started.Task.IsCompletedSuccessfully
        ? _started.Task.Result
        : throw new InvalidOperationException(
            "The Actors nodes are not up yet: they start with the host (IHost.StartAsync); await ActorsRuntime.WhenStarted before using them.");

    /// <summary>The ActorSystem of the first node: where service references are made.</summary>
    public ActorSystem System => Nodes[0].System;

    /// <summary>A reference to <paramref name="service"/> (for a per-tenant service, to <paramref name="tenant"/>'s
    /// node) from the first node: see <see cref="Actors.ServiceRef.To"/>.</summary>
    public IActorRef ServiceRef(ServiceSpec service, string? tenant = null) => Actors.ServiceRef.To(System, service, tenant);

    internal void Started(IReadOnlyList<Node.Node> nodes) => _started.TrySetResult(nodes);

    internal void Failed(Exception error) => _started.TrySetException(error);
}

using System.Collections.Concurrent;
using Akka.Actor;

namespace Actors;

/// <summary>Addresses a service from any node of the cluster: messages go round-robin to the entry child of
/// the service's nodes (cluster members whose role is the service's name), and wait while it has none.</summary>
public sealed class ServiceRef : IExtension
{
    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<string, IActorRef> _proxies = new();

    private ServiceRef(ActorSystem system) => _system = system;

    /// <summary>A reference that reaches <paramref name="service"/>'s nodes from <paramref name="system"/>.</summary>
    public static IActorRef To(ActorSystem system, ServiceSpec service) =>
        system.WithExtension<ServiceRef, ServiceRefProvider>().Get(service);

    private IActorRef Get(ServiceSpec service) => _proxies.GetOrAdd(service.Name, _ =>
        _system.ActorOf(Props.Create(() => new ServiceProxy(service)), $"to-{service.Name}"));

    private sealed class ServiceRefProvider : ExtensionIdProvider<ServiceRef>
    {
        public override ServiceRef CreateExtension(ExtendedActorSystem system) => new(system);
    }
}

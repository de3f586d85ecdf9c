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

    /// <summary>A reference that reaches <paramref name="service"/>'s nodes from <paramref name="system"/>; for a
    /// per-tenant service, only <paramref name="tenant"/>'s node.</summary>
    public static IActorRef To(ActorSystem system, ServiceSpec service, string? tenant = null)
    {
        if (tenant is not null && ServiceName.Problem(tenant) is { } problem)
        {
            throw new ArgumentException($"Tenant '{tenant}' is not usable: {problem.Replace("service name", "tenant name", StringComparison.Ordinal)}.", nameof(tenant));
        }

        return system.WithExtension<ServiceRef, ServiceRefProvider>().Get(service, tenant);
    }

    private IActorRef Get(ServiceSpec service, string? tenant) =>
        _proxies.GetOrAdd(tenant is null ? service.Name : $"{service.Name}@{tenant}", key =>
            _system.ActorOf(Props.Create(() => new ServiceProxy(service, tenant)), $"to-{key.Replace('@', '.')}"));

    private sealed class ServiceRefProvider : ExtensionIdProvider<ServiceRef>
    {
        public override ServiceRef CreateExtension(ExtendedActorSystem system) => new(system);
    }
}

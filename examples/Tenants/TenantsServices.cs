using Actors;
using Actors.Hypervisor;
using Actors.Supervision;

namespace Tenants;

/// <summary>The application: the per-tenant store front, and the gateway that runs the cluster supervisor which
/// boots a store front node for a tenant when a request for it arrives.</summary>
public static class TenantsServices
{
    /// <summary>One node per tenant (<c>storefront-TENANT</c>), stopped after <paramref name="idleTtl"/> without requests.</summary>
    public static ServiceSpec Storefront(TimeSpan idleTtl) =>
        new ServiceSpec("storefront", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<Storefront>("pages")))
            .Accepts<PageRequest>()
            .Accepts<Page>()
            .WithScaling(Scaling.PerTenant(idleTtl));

    /// <summary>The cluster supervisor over <paramref name="host"/>, as the service the gateway node runs (a cluster
    /// singleton with one candidate: the gateway).</summary>
    public static ServiceSpec Gateway(ServiceSpec storefront, Host host) =>
        ClusterSupervisor.Singleton(new SupervisorRun(
            [storefront],
            () => Task.FromResult((new Placement([host]), new AdoptionReport([], [], []))),
            new NodeLaunch
            {
                // Tenant nodes gossip fast, so a booted node is a member Up (and serving) within a second.
                Environment = new Dictionary<string, string>
                {
                    ["ACTORS_NODE__GOSSIPINTERVAL"] = "00:00:00.200",
                    ["ACTORS_NODE__LEADERACTIONSINTERVAL"] = "00:00:00.200",
                },
            },
            "actors")
        {
            OwnsHosts = false, // Program disposes the host.
        });

    /// <summary>One in-process host (<c>inproc://</c>): each tenant's node is an ActorSystem in this process.</summary>
    public static Host LocalHost(ServiceSpec storefront) =>
        new(new HostSpec("local", "inproc://", 4096, 8), new HypervisorOptions
        {
            Services = [storefront],
            StateDirectory = Path.Combine(Path.GetTempPath(), "actors-tenants"),
        });
}

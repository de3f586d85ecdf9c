using System.Globalization;
using Actors;

namespace PerRequest;

/// <summary>The application: a gateway node that stays up, and the worker service, one node per request.</summary>
public static class PerRequestServices
{
    /// <summary>The node per request. Each one carries the request as its tenant (cluster role
    /// <c>tenant:worker@rN</c>), so the request reaches its own node and no other.</summary>
    public static ServiceSpec Worker { get; } =
        new ServiceSpec("worker", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<Worker>("digest")))
            .Accepts<Job>()
            .Accepts<Done>();

    /// <summary>The gateway: the seed node the per-request nodes join.</summary>
    public static ServiceSpec Gateway { get; } =
        new ServiceSpec("gateway", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<Gateway>("requests")))
            .Accepts<Job>()
            .Accepts<Done>();

    /// <summary>Both, for a program that runs one node of either (<c>Actors:Service=worker</c>).</summary>
    public static IReadOnlyList<ServiceSpec> All { get; } = [Gateway, Worker];

    /// <summary>The tenant name of request <paramref name="id"/>.</summary>
    public static string Tenant(int id) => "r" + id.ToString(CultureInfo.InvariantCulture);
}

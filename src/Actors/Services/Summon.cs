namespace Actors;

/// <summary>Asks the cluster supervisor for a node of an on-demand or per-tenant service that has none.
/// Sent by a service reference holding messages for it; the supervisor boots exactly one node per service
/// and tenant however many ask.</summary>
/// <param name="Service">The service.</param>
/// <param name="Tenant">The tenant, for a per-tenant service.</param>
public sealed record Summon(string Service, string? Tenant)
{
    /// <summary>The cluster role of the node that runs the cluster supervisor.</summary>
    public const string SupervisorRole = "supervisor";

    /// <summary>Where the supervisor's summoner runs on the control node that holds the supervisor singleton (the
    /// oldest control node): under the singleton's manager, in the active supervisor's tree.</summary>
    public const string SummonerPath = "/user/supervisor/root/singleton/manager/active/tree/summoner";

    /// <summary>The cluster role of a tenant's node of a service: <c>tenant:service@tenant</c>.</summary>
    public static string TenantRole(string service, string tenant) => $"tenant:{service}@{tenant}";
}

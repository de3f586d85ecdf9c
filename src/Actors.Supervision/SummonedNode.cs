namespace Actors.Supervision;

/// <summary>A running node of an on-demand or per-tenant service, adopted after a failover.</summary>
/// <param name="Service">Its service.</param>
/// <param name="Tenant">Its tenant, for a per-tenant service.</param>
/// <param name="Child">Its child id and domain name (<c>service-N</c> or <c>service-tenant</c>).</param>
public sealed record SummonedNode(string Service, string? Tenant, string Child);

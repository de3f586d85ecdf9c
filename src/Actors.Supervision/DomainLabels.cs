namespace Actors.Supervision;

/// <summary>The labels the cluster supervisor puts on every domain it boots, so that after a failover it can
/// tell its own domains (and which child each one is) from anything else on the host.</summary>
public static class DomainLabels
{
    /// <summary>The cluster the domain belongs to.</summary>
    public const string Cluster = "actors.cluster";

    /// <summary>The service the domain's node runs.</summary>
    public const string Service = "actors.service";

    /// <summary>The supervision child the domain is (its id in the VM-level tree).</summary>
    public const string Child = "actors.child";

    /// <summary>The tenant of a per-tenant node, if any.</summary>
    public const string Tenant = "actors.tenant";

    /// <summary>The address a bridged node was given (<see cref="BridgedNetwork"/>), kept across a failover.</summary>
    public const string Address = "actors.address";

    /// <summary>The cluster role that names a domain's node: <c>domain:NAME</c>.</summary>
    public static string Role(string domain) => $"domain:{domain}";
}

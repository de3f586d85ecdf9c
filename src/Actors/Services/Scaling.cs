namespace Actors;

/// <summary>How many nodes of a service run. Only data here: the cluster supervisor acts on it.</summary>
public abstract record Scaling
{
    private protected Scaling()
    {
    }

    /// <summary>Always <paramref name="instances"/> nodes.</summary>
    public static Scaling Fixed(int instances) => new FixedScaling(
        instances > 0 ? instances : throw new ArgumentOutOfRangeException(nameof(instances), instances, "A fixed service runs at least 1 instance."));

    /// <summary>A node is booted by the first message for the service and stopped after <paramref name="idleTtl"/> idle.</summary>
    public static Scaling OnDemand(TimeSpan idleTtl) => new OnDemandScaling(Positive(idleTtl));

    /// <summary>One node per tenant (<c>service@tenant</c>), booted on demand and stopped after <paramref name="idleTtl"/> idle.</summary>
    public static Scaling PerTenant(TimeSpan idleTtl) => new PerTenantScaling(Positive(idleTtl));

    private static TimeSpan Positive(TimeSpan ttl) =>
        ttl > TimeSpan.Zero ? ttl : throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "An idle TTL must be positive.");
}

/// <summary>A fixed number of nodes.</summary>
/// <param name="Instances">How many.</param>
public sealed record FixedScaling(int Instances) : Scaling;

/// <summary>Booted on demand, reaped when idle.</summary>
/// <param name="IdleTtl">Idle time before the node is stopped.</param>
public sealed record OnDemandScaling(TimeSpan IdleTtl) : Scaling;

/// <summary>One node per tenant, booted on demand, reaped when idle.</summary>
/// <param name="IdleTtl">Idle time before a tenant's node is stopped.</param>
public sealed record PerTenantScaling(TimeSpan IdleTtl) : Scaling;

namespace Actors.Supervision;

/// <summary>What a node proxy needs: which service and child it is, where it may be placed, how to launch it.</summary>
/// <param name="Service">The service.</param>
/// <param name="Child">Its id in the VM-level supervision tree; also the domain name.</param>
/// <param name="Ordinal">The N of <c>service-N@host</c>.</param>
/// <param name="Placement">Where nodes may go.</param>
/// <param name="Launch">How nodes are launched.</param>
/// <param name="ShutdownTimeout">How long a graceful shutdown may take before the domain is destroyed.</param>
public sealed record NodeProxySettings(
    ServiceSpec Service,
    string Child,
    int Ordinal,
    Placement Placement,
    NodeLaunch Launch,
    TimeSpan ShutdownTimeout)
{
    /// <summary>The tenant of a per-tenant node.</summary>
    public string? Tenant { get; init; }

    /// <summary>How long a booted node may take to become a member before it counts as a failed boot.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>For on-demand nodes: stop after this long without a message.</summary>
    public TimeSpan? IdleTtl { get; init; }
}

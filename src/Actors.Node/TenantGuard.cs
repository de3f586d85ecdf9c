using Akka.Actor;
using Akka.Cluster;

namespace Actors.Node;

/// <summary>Access control for a per-tenant node: a message from another tenant's node is refused. The
/// sender's node is found by its actor's address among the cluster's members, and its tenant read from its
/// <see cref="Summon.TenantRole"/>. A node without a tenant role accepts everything; a tenant node accepts
/// messages from itself, from nodes of its own tenant and from nodes of no tenant (front ends, the
/// supervisor), and refuses those from other tenants' nodes and from addresses that are no cluster member.
/// A sender is what the remote node says it is: this stops a tenant's code from reaching another tenant
/// through the service API or the service's path, not a node that forges its sender or sends with none (which
/// looks like a local message).</summary>
internal sealed class TenantGuard
{
    private const string TenantPrefix = "tenant:";
    private readonly Cluster _cluster;
    private readonly Address _self;

    private TenantGuard(Cluster cluster, string tenant)
    {
        _cluster = cluster;
        _self = cluster.SelfAddress;
        Tenant = tenant;
    }

    /// <summary>This node's tenant.</summary>
    public string Tenant { get; }

    /// <summary>The guard of <paramref name="system"/>'s node, or null if it runs for no tenant (or is no
    /// cluster node at all).</summary>
    public static TenantGuard? For(ActorSystem system)
    {
        if (system is not ExtendedActorSystem extended || extended.Provider is not Akka.Cluster.ClusterActorRefProvider)
        {
            return null;
        }

        var cluster = Cluster.Get(system);
        return TenantOf(cluster.SelfRoles) is { } tenant ? new TenantGuard(cluster, tenant) : null;
    }

    /// <summary>Why <paramref name="sender"/> may not address this node, or null if it may.</summary>
    public string? Refusal(IActorRef sender)
    {
        var address = sender.Path.Address;
        if (!address.HasGlobalScope || address.Equals(_self))
        {
            return null;
        }

        var state = _cluster.State;
        var member = state.Members.FirstOrDefault(m => m.Address.Equals(address))
            ?? state.Unreachable.FirstOrDefault(m => m.Address.Equals(address));
        if (member is null)
        {
            return $"{address} is not a member of the cluster";
        }

        return TenantOf(member.Roles) is { } other && other != Tenant
            ? $"{address} is a node of tenant '{other}'"
            : null;
    }

    /// <summary>The tenant of a node with <paramref name="roles"/>: the part after '@' of its tenant role.</summary>
    private static string? TenantOf(IEnumerable<string> roles) =>
        roles.Where(r => r.StartsWith(TenantPrefix, StringComparison.Ordinal))
            .Select(r => r[(r.LastIndexOf('@') + 1)..])
            .FirstOrDefault();
}

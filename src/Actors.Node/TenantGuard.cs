using Akka.Actor;
using Akka.Cluster;

namespace Actors.Node;

/// <summary>Access control for a per-tenant node: a message from another tenant's node is refused. The
/// sender's node is found by its actor's address among the cluster's members, and its tenant read from its
/// <see cref="Summon.TenantRole"/>. A node without a tenant role accepts everything; a tenant node accepts
/// messages from itself, from nodes of its own tenant and from nodes of no tenant (front ends, the
/// supervisor), and refuses those from other tenants' nodes and from addresses that are no cluster member (after
/// holding their messages a while, in case the sender is a member whose join has not reached this node yet).
/// A sender is what the remote node says it is: this stops a tenant's code from reaching another tenant
/// through the service API or the service's path, not a node that forges its sender or sends with none (which
/// looks like a local message).</summary>
internal sealed class TenantGuard
{
    /// <summary>The verdict on a sender whose address is no known member: a new member's first messages may
    /// arrive before its join has reached this node, so the message is held (<see cref="Hold"/>) and checked again.</summary>
    public const string Unknown = "unknown";

    /// <summary>How many such messages wait at most; more are refused at once.</summary>
    public const int MaxHeld = 1_000;

    /// <summary>How long a message from a sender not (yet) known as a member waits for its join to reach this node.</summary>
    public static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(10);

    private const string TenantPrefix = "tenant:";
    private readonly Cluster _cluster;
    private readonly Address _self;
    private readonly List<(object Message, IActorRef Sender, DateTimeOffset Since)> _held = [];

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

    /// <summary>True while messages from unknown senders wait.</summary>
    public bool Holding => _held.Count > 0;

    /// <summary>Whether <paramref name="sender"/> may address this node: null if it may, a refusal, or
    /// <see cref="Unknown"/> if its address is no member this node knows of.</summary>
    public string? Check(IActorRef sender)
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
            return Unknown;
        }

        return TenantOf(member.Roles) is { } other && other != Tenant
            ? $"{address} is a node of tenant '{other}'"
            : null;
    }

    /// <summary>Holds a message from an unknown sender; false (refuse it) if too many already wait.</summary>
    public bool Hold(object message, IActorRef sender, DateTimeOffset now)
    {
        if (_held.Count >= MaxHeld)
        {
            return false;
        }

        _held.Add((message, sender, now));
        return true;
    }

    /// <summary>Checks the held messages again at <paramref name="now"/>: those whose sender is now known are
    /// decided (refusal null: deliver), those held past <see cref="HoldLimit"/> are refused, the rest wait on.</summary>
    public IReadOnlyList<(object Message, IActorRef Sender, string? Refusal)> Recheck(DateTimeOffset now)
    {
        var decided = new List<(object, IActorRef, string?)>();
        _held.RemoveAll(h =>
        {
            var verdict = Check(h.Sender);
            if (verdict == Unknown && now - h.Since < HoldLimit)
            {
                return false;
            }

            decided.Add((h.Message, h.Sender, verdict == Unknown ? $"{h.Sender.Path.Address} is not a member of the cluster" : verdict));
            return true;
        });
        return decided;
    }

    /// <summary>The tenant of a node with <paramref name="roles"/>: the part after '@' of its tenant role.</summary>
    private static string? TenantOf(IEnumerable<string> roles) =>
        roles.Where(r => r.StartsWith(TenantPrefix, StringComparison.Ordinal))
            .Select(r => r[(r.LastIndexOf('@') + 1)..])
            .FirstOrDefault();
}

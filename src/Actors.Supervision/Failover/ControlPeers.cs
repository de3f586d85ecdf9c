using Akka.Actor;
using Akka.Cluster;

namespace Actors.Supervision;

/// <summary>Downs a control node that has stayed unreachable for a while, so that the supervisor singleton can move
/// off it: the cluster has no automatic downing (a supervisor downs a service's node as soon as its driver reports
/// the death), so without this a dead active supervisor would never be replaced. Only the oldest reachable control
/// node downs, and only control nodes.</summary>
/// <remarks>A network partition between control nodes is indistinguishable from a crash here: each side would down
/// the other and run a supervisor. Run control nodes where they share the hosts' network.</remarks>
internal sealed class ControlPeers : ReceiveActor, IWithTimers
{
    private readonly TimeSpan _after;
    private readonly Cluster _cluster = Cluster.Get(Context.System);

    public ControlPeers(TimeSpan after)
    {
        _after = after;
        Receive<ClusterEvent.UnreachableMember>(e => e.Member.HasRole(Summon.SupervisorRole),
            e => Timers.StartSingleTimer(e.Member.Address, new Check(e.Member), _after));
        Receive<ClusterEvent.ReachableMember>(e => Timers.Cancel(e.Member.Address));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
        Receive<Check>(c => OnCheck(c.Member));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(TimeSpan after) => Akka.Actor.Props.Create(() => new ControlPeers(after));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnCheck(Member member)
    {
        var state = _cluster.State;
        if (!state.Unreachable.Contains(member))
        {
            return;
        }

        var oldestReachable = state.Members
            .Where(m => m.HasRole(Summon.SupervisorRole) && m.Status == MemberStatus.Up && !state.Unreachable.Contains(m))
            .Aggregate((Member?)null, (oldest, m) => oldest is null || m.IsOlderThan(oldest) ? m : oldest);
        if (oldestReachable?.Address.Equals(_cluster.SelfAddress) == true)
        {
            Context.Emit("supervisor.peer_down", ("address", member.Address), ("after_ms", (long)_after.TotalMilliseconds));
            _cluster.Down(member.Address);
        }
    }

    private sealed record Check(Member Member);
}

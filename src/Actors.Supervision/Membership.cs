using Akka.Actor;
using Akka.Cluster;

namespace Actors.Supervision;

/// <summary>Akka.Cluster membership as node proxies need it: one subscriber per control node that routes a
/// domain's <see cref="ClusterEvent.MemberUp"/> and <see cref="ClusterEvent.UnreachableMember"/> to the proxy
/// watching it (by the <c>domain:NAME</c> role). A subscription per proxy made the cluster's event publisher
/// copy its subscriber set on every subscribe, which at 100,000 nodes costs more than everything else.</summary>
internal sealed class Membership : ReceiveActor
{
    private const string DomainPrefix = "domain:";
    private readonly Dictionary<string, Member> _up = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> _watchers = new(StringComparer.Ordinal);

    public Membership()
    {
        Receive<Watch>(w =>
        {
            _watchers[w.Role] = w.Proxy;
            if (_up.TryGetValue(w.Role, out var member))
            {
                w.Proxy.Tell(new ClusterEvent.MemberUp(member));
            }
        });
        Receive<Unwatch>(u =>
        {
            if (_watchers.TryGetValue(u.Role, out var proxy) && proxy.Equals(u.Proxy))
            {
                // The proxy exits when its domain dies or is stopped: that member is no one's to adopt any more,
                // even if the cluster has not yet said it is down.
                _watchers.Remove(u.Role);
                _up.Remove(u.Role);
            }
        });
        Receive<ClusterEvent.MemberUp>(e => Route(e.Member, e, up: true));
        Receive<ClusterEvent.UnreachableMember>(e => Route(e.Member, e, up: false));
        Receive<ClusterEvent.IMemberEvent>(e => Route(e.Member, null, up: false));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
    }

    /// <summary>The control node's router.</summary>
    public static IActorRef For(ActorSystem system) => system.WithExtension<Router, RouterProvider>().Ref;

    /// <inheritdoc />
    protected override void PreStart() => Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
        typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.UnreachableMember));

    /// <inheritdoc />
    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void Route(Member member, object? notice, bool up)
    {
        foreach (var role in member.Roles.Where(r => r.StartsWith(DomainPrefix, StringComparison.Ordinal)))
        {
            if (up)
            {
                _up[role] = member;
            }
            else if (_up.TryGetValue(role, out var known) && known.UniqueAddress.Equals(member.UniqueAddress))
            {
                // Down, leaving or gone: a proxy that starts watching this domain later must not take it for up.
                _up.Remove(role);
            }

            if (notice is not null && _watchers.TryGetValue(role, out var proxy))
            {
                proxy.Tell(notice);
            }
        }
    }

    /// <summary>Routes <paramref name="Role"/>'s events to <paramref name="Proxy"/> (replacing any earlier watcher).</summary>
    public sealed record Watch(string Role, IActorRef Proxy);

    /// <summary>Stops routing <paramref name="Role"/>'s events to <paramref name="Proxy"/>.</summary>
    public sealed record Unwatch(string Role, IActorRef Proxy);

    private sealed class Router(IActorRef actor) : IExtension
    {
        public IActorRef Ref { get; } = actor;
    }

    private sealed class RouterProvider : ExtensionIdProvider<Router>
    {
        public override Router CreateExtension(ExtendedActorSystem system) =>
            new(system.SystemActorOf(Props.Create(() => new Membership()), "actors-membership"));
    }
}

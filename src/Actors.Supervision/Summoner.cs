using Akka.Actor;

namespace Actors.Supervision;

/// <summary>Boots on-demand and per-tenant nodes when a service reference holds messages for one. It is
/// one actor, so however many summons of the same service and tenant arrive together, exactly one node is
/// started; the entry is forgotten when that node's proxy exits (reaped or given up), and a later message
/// summons a new one.</summary>
internal sealed class Summoner : ReceiveActor
{
    private readonly IReadOnlyDictionary<string, Func<string?, int, NodeProxySettings>> _services;
    private readonly Dictionary<string, IActorRef?> _nodes = [];
    private readonly Dictionary<string, int> _ordinals = [];

    public Summoner(IReadOnlyDictionary<string, Func<string?, int, NodeProxySettings>> services)
    {
        _services = services;
        Receive<Summon>(OnSummon);
        Receive<Started>(s =>
        {
            _nodes[s.Key] = s.Proxy;
            Context.WatchWith(s.Proxy, new Gone(s.Key));
        });
        Receive<Failed>(f =>
        {
            _nodes.Remove(f.Key);
            Context.Emit("node.summon.failed", ("key", f.Key), ("error", f.Error));
        });
        Receive<Gone>(g => _nodes.Remove(g.Key));
    }

    public static Props Props(IReadOnlyDictionary<string, Func<string?, int, NodeProxySettings>> services) =>
        Akka.Actor.Props.Create(() => new Summoner(services));

    private void OnSummon(Summon summon)
    {
        var key = summon.Tenant is null ? summon.Service : $"{summon.Service}@{summon.Tenant}";
        if (_nodes.ContainsKey(key))
        {
            return;
        }

        if (!_services.TryGetValue(summon.Service, out var settingsFor))
        {
            Context.Emit("node.summon.failed", ("key", key), ("error", $"'{summon.Service}' is not an on-demand or per-tenant service of this cluster"));
            return;
        }

        var ordinal = _ordinals[summon.Service] = _ordinals.GetValueOrDefault(summon.Service) + 1;
        var settings = settingsFor(summon.Tenant, ordinal);
        _nodes[key] = null;
        Context.Emit("node.summon", ("service", summon.Service), ("tenant", summon.Tenant), ("domain", settings.Child));
        Context.ActorSelection($"../{summon.Service}")
            .Ask<SupervisorCommands.ChildStarted>(new SupervisorCommands.StartInstance(settings), TimeSpan.FromSeconds(30))
            .PipeTo(Self, success: c => new Started(key, c.Ref), failure: e => new Failed(key, e.Message));
    }

    private sealed record Started(string Key, IActorRef Proxy);

    private sealed record Failed(string Key, string Error);

    private sealed record Gone(string Key);
}

using Akka.Actor;

namespace Actors.Supervision;

/// <summary>Boots on-demand and per-tenant nodes when a service reference holds messages for one. It is
/// one actor, so however many summons of the same service and tenant arrive together, exactly one node is
/// started; the entry is forgotten when that node's proxy exits (reaped or given up), and a later message
/// summons a new one.</summary>
internal sealed class Summoner : ReceiveActor, IWithTimers
{
    private readonly IReadOnlyDictionary<string, Func<string?, int, NodeProxySettings>> _services;
    private readonly Dictionary<string, IActorRef?> _nodes = [];
    private readonly Dictionary<string, int> _ordinals = [];
    private readonly IReadOnlyList<SummonedNode> _adopted;

    // How long a start waits, and how often, for the supervisor to let go of an ended node of the same name.
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(50);
    private const int MaxAttempts = 40;

    public Summoner(IReadOnlyDictionary<string, Func<string?, int, NodeProxySettings>> services, IReadOnlyList<SummonedNode> adopted)
    {
        _services = services;
        _adopted = adopted;
        Receive<Summon>(OnSummon);
        Receive<Started>(s =>
        {
            _nodes[s.Key] = s.Proxy;
            Context.WatchWith(s.Proxy, new Gone(s.Key));
        });
        Receive<Failed>(f => f.Error is not null, f =>
        {
            if (f.Error is SupervisorException { Error: "already_started" })
            {
                // The supervisor still has a node of that name: restarted since this summoner last watched it (a
                // restart is a new proxy at the same path), or one whose exit the supervisor has not handled yet
                // (this summoner saw it end first). Watch the one that runs, or ask again shortly.
                Context.ActorSelection($"../{f.Service}/{f.Settings.Child}").Tell(new Identify(f));
                return;
            }

            _nodes.Remove(f.Key);
            Context.Emit("node.summon.failed", ("key", f.Key), ("error", f.Error!.Message));
        });
        Receive<ActorIdentity>(found =>
        {
            var failed = (Failed)found.MessageId;
            if (found.Subject is { } proxy)
            {
                _nodes[failed.Key] = proxy;
                Context.WatchWith(proxy, new Gone(failed.Key));
            }
            else if (failed.Attempt < MaxAttempts)
            {
                Timers.StartSingleTimer($"retry {failed.Key}", failed with { Attempt = failed.Attempt + 1, Error = null }, RetryAfter);
            }
            else
            {
                _nodes.Remove(failed.Key);
                Context.Emit("node.summon.failed", ("key", failed.Key), ("error", $"a node '{failed.Settings.Child}' still runs under its supervisor after {MaxAttempts} tries"));
            }
        });
        Receive<Failed>(f => f.Error is null, f => StartInstance(f.Key, f.Service, f.Settings, f.Attempt));
        Receive<Gone>(g => _nodes.Remove(g.Key));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IReadOnlyDictionary<string, Func<string?, int, NodeProxySettings>> services, IReadOnlyList<SummonedNode> adopted) =>
        Akka.Actor.Props.Create(() => new Summoner(services, adopted));

    /// <inheritdoc />
    protected override void PreStart()
    {
        // Nodes an earlier supervisor summoned and left running: their proxies adopt them, and a summons for one
        // of them finds it here instead of booting another.
        foreach (var node in _adopted.Where(n => _services.ContainsKey(n.Service)))
        {
            var ordinal = node.Tenant is null ? int.Parse(node.Child.AsSpan(node.Service.Length + 1), System.Globalization.CultureInfo.InvariantCulture) : 0;
            Start(Key(node.Service, node.Tenant), node.Service, node.Tenant, ordinal, _services[node.Service]);
        }
    }

    private void OnSummon(Summon summon)
    {
        var key = Key(summon.Service, summon.Tenant);
        if (_nodes.ContainsKey(key))
        {
            return;
        }

        if (!_services.TryGetValue(summon.Service, out var settingsFor))
        {
            Context.Emit("node.summon.failed", ("key", key), ("error", $"'{summon.Service}' is not an on-demand or per-tenant service of this cluster"));
            return;
        }

        Start(key, summon.Service, summon.Tenant, 0, settingsFor);
    }

    private static string Key(string service, string? tenant) => tenant is null ? service : $"{service}@{tenant}";

    /// <summary>Starts a node; <paramref name="ordinal"/> 0 takes the service's next one.</summary>
    private void Start(string key, string service, string? tenant, int ordinal, Func<string?, int, NodeProxySettings> settingsFor)
    {
        var next = _ordinals.GetValueOrDefault(service) + 1;
        _ordinals[service] = Math.Max(next, ordinal);
        var settings = settingsFor(tenant, ordinal > 0 ? ordinal : next);
        _nodes[key] = null;
        Context.Emit("node.summon", ("service", service), ("tenant", tenant), ("domain", settings.Child));
        StartInstance(key, service, settings, 1);
    }

    private void StartInstance(string key, string service, NodeProxySettings settings, int attempt) =>
        Context.ActorSelection($"../{service}")
            .Ask<SupervisorCommands.ChildStarted>(new SupervisorCommands.StartInstance(settings, settings.Child), TimeSpan.FromSeconds(30))
            .PipeTo(Self, success: c => new Started(key, c.Ref), failure: e => new Failed(key, service, settings, attempt, e.GetBaseException()));

    private sealed record Started(string Key, IActorRef Proxy);

    /// <summary>A start that failed with <see cref="Error"/>; with no error, the retry of an earlier one.</summary>
    private sealed record Failed(string Key, string Service, NodeProxySettings Settings, int Attempt, Exception? Error);

    private sealed record Gone(string Key);
}

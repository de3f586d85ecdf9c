using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;

namespace Actors.Supervision;

/// <summary>The cluster supervisor's metrics, on the <see cref="System.Diagnostics.Metrics.Meter"/> named
/// <see cref="MeterName"/>, fed from the same runtime events as <see cref="NodeTable"/>: boots, boot latency,
/// restarts, summons, reaps, kills and crashes, tagged with service and host; and each node's mailbox depth.
/// <see cref="MetricsEndpoint"/> serves them to Prometheus.</summary>
public sealed class SupervisorMetrics : IDisposable
{
    /// <summary>The meter's name, for <c>AddMeter</c>.</summary>
    public const string MeterName = "Actors.Supervision";

    // Boot latency runs from milliseconds (in-process nodes) to tens of seconds (microVMs under TCG).
    private static readonly double[] LatencyBuckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000];

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _bootLatency;
    private readonly Tally _boots = new();
    private readonly Tally _restarts = new();
    private readonly Tally _summons = new();
    private readonly Tally _reaps = new();
    private readonly Tally _kills = new();
    private readonly Tally _crashes = new();
    private readonly ConcurrentDictionary<string, Known> _nodes = new(StringComparer.Ordinal);
    private ActorSystem? _system;

    /// <summary>Creates the instruments.</summary>
    public SupervisorMetrics()
    {
        // Counts are kept here and observed at each collection, so that what happened before an exporter subscribed
        // (the endpoint starts once this control node is the active supervisor) is not lost.
        _meter.CreateObservableCounter("actors.node.boots", _boots.Observe, "{boot}", "Domains booted by the cluster supervisor (adoptions not counted).");
        _bootLatency = _meter.CreateHistogram("actors.node.boot.duration", "ms",
            "From a node's proxy starting (placement, then the driver's boot) to the node joining the cluster (Up), for booted nodes.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _meter.CreateObservableCounter("actors.node.restarts", _restarts.Observe, "{restart}", "Nodes restarted by their service's supervisor after a death.");
        _meter.CreateObservableCounter("actors.node.summons", _summons.Observe, "{summon}", "On-demand and per-tenant nodes started because a message asked for one.");
        _meter.CreateObservableCounter("actors.node.reaps", _reaps.Observe, "{reap}", "Nodes that shut themselves down unasked: on-demand nodes reaped when idle.");
        _meter.CreateObservableCounter("actors.node.kills", _kills.Observe, "{kill}", "Nodes destroyed through their host's driver (actors kill, fencing) without the supervisor asking.");
        _meter.CreateObservableCounter("actors.node.crashes", _crashes.Observe, "{crash}", "Nodes that crashed or became unreachable.");
        _meter.CreateObservableGauge("actors.node.mailbox.depth", ObserveMailboxes, "{message}",
            "Messages waiting in the mailbox of each node's proxy on the control node: the supervisor's backlog for that node (driver and cluster events, boot results).");
    }

    /// <summary>Counts what runtime event <paramref name="e"/> of the supervisor's node says.</summary>
    public void Apply(RuntimeEvent e)
    {
        var fields = e.Fields;
        string? Field(string key) => fields.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        var domain = Field("domain");
        switch (e.Event)
        {
            // Every boot or adoption starts with the proxy placing its node: a new life, whose first Up is its latency.
            case "node.placed" when domain is not null && Field("service") is { } service:
                _nodes[domain] = new Known(service, Field("host") ?? string.Empty, AwaitingUp: true);
                break;
            case "node.boot" when domain is not null && _nodes.TryGetValue(domain, out var booted):
                _boots.Add(booted.Service, booted.Host);
                break;
            case "node.adopt" when domain is not null && _nodes.TryGetValue(domain, out var adopted):
                _nodes[domain] = adopted with { AwaitingUp = false };
                break;
            // An in-process node may be Up before its driver's boot call returns, so Up is not tied to the boot report.
            case "node.ready" when domain is not null && _nodes.TryGetValue(domain, out var up) && up.AwaitingUp:
                if (double.TryParse(Field("ms"), System.Globalization.CultureInfo.InvariantCulture, out var ms))
                {
                    _bootLatency.Record(ms, Tags(up));
                }

                _nodes[domain] = up with { AwaitingUp = false };
                break;
            case "node.down" when domain is not null && _nodes.TryGetValue(domain, out var down):
                var counter = Field("reason") switch
                {
                    "Destroyed" => _kills,
                    "Shutdown" => _reaps,
                    _ => _crashes,
                };
                counter.Add(down.Service, down.Host);
                if (counter == _reaps)
                {
                    // A node that stopped itself is not restarted: forget it, or every on-demand node ever summoned stays.
                    _nodes.TryRemove(domain, out _);
                }

                break;
            case "node.summon" when Field("service") is { } service:
                _summons.Add(service, null);
                break;
            case "child.restart" when Field("child") is { } child && _nodes.TryGetValue(child, out var restarted):
                _restarts.Add(restarted.Service, restarted.Host);
                break;
            default:
                break;
        }
    }

    /// <summary>Reads mailbox depths from the proxies in <paramref name="system"/>, the control node's.</summary>
    public void Observe(ActorSystem system) => _system = system;

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> ObserveMailboxes()
    {
        if (_system is not { } system)
        {
            return [];
        }

        return ProxyMailboxes.Read(system)
            .Where(p => _nodes.ContainsKey(p.Node))
            .Select(p => new Measurement<int>(p.Depth, [new("node", p.Node), .. Tags(_nodes[p.Node])]))
            .ToList();
    }

    private static KeyValuePair<string, object?>[] Tags(Known node) => [new("service", node.Service), new("host", node.Host)];

    private sealed record Known(string Service, string Host, bool AwaitingUp);

    /// <summary>A cumulative count by service and host (none for summons, which happen before placement).</summary>
    private sealed class Tally
    {
        private readonly ConcurrentDictionary<(string Service, string? Host), long> _counts = new();

        public void Add(string service, string? host) => _counts.AddOrUpdate((service, host), 1, (_, n) => n + 1);

        public IEnumerable<Measurement<long>> Observe() => _counts
            .Select(c => new Measurement<long>(c.Value, c.Key.Host is { } host
                ? [new("service", c.Key.Service), new("host", host)]
                : [new KeyValuePair<string, object?>("service", c.Key.Service)]))
            .ToList();
    }
}

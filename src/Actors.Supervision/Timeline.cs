namespace Actors.Supervision;

/// <summary>The recent life of the cluster's nodes, in the order the supervisor saw it: boots, deaths, restarts,
/// summons. Bounded: it keeps the last <see cref="Capacity"/> entries, so a reader that falls further behind
/// misses the oldest (and can tell, from the gap in <see cref="TimelineEntry.Seq"/>). Safe to use from any thread.</summary>
public sealed class Timeline
{
    private readonly TimelineEntry?[] _ring;
    private readonly Lock _lock = new();
    private long _last;

    /// <summary>An empty timeline keeping the last <paramref name="capacity"/> entries.</summary>
    public Timeline(int capacity = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new TimelineEntry?[capacity];
    }

    /// <summary>How many entries it keeps.</summary>
    public int Capacity => _ring.Length;

    /// <summary>The sequence number of the newest entry, 0 while empty.</summary>
    public long Last
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    /// <summary>The entries after sequence number <paramref name="after"/> still kept, oldest first.</summary>
    public IReadOnlyList<TimelineEntry> Since(long after)
    {
        lock (_lock)
        {
            var first = Math.Max(Math.Max(after, 0) + 1, _last - _ring.Length + 1);
            var entries = new List<TimelineEntry>((int)Math.Max(0, _last - first + 1));
            for (var seq = first; seq <= _last; seq++)
            {
                entries.Add(_ring[(seq - 1) % _ring.Length]!);
            }

            return entries;
        }
    }

    /// <summary>Appends what runtime event <paramref name="e"/> says about a node, if it says anything;
    /// <paramref name="node"/> looks up what the table knows of a node (a restart event names only the child).</summary>
    internal void Apply(RuntimeEvent e, Func<string, NodeRow?> node)
    {
        var fields = e.Fields;
        string? Field(string key) => fields.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        var domain = Field("domain");
        (string Kind, string Node, string? Detail)? entry = e.Event switch
        {
            "node.summon" when domain is not null => ("summon", domain, Detail: Field("tenant") is { } t ? $"for tenant {t}" : null),
            "node.boot" when domain is not null => ("boot", domain, $"boot call returned after {Field("ms")} ms"),
            "node.adopt" when domain is not null => ("adopt", domain, "found running, adopted"),
            "node.ready" when domain is not null => ("up", domain, $"joined the cluster {Field("ms")} ms after its proxy started"),
            "node.down" when domain is not null => (Down(Field("reason")), domain, Join(Field("reason")?.ToLowerInvariant(), Field("detail"))),
            "child.restart" when Field("child") is { } child && node(child) is not null => ("restart", child, Field("reason")),
            _ => null,
        };
        if (entry is not { } happened)
        {
            return;
        }

        var (kind, name, detail) = happened;
        var row = node(name);
        Add(e.Ts, kind, name, Field("service") ?? row?.Service, Field("host") ?? row?.Host, detail);
    }

    /// <summary>Appends an entry and returns it.</summary>
    public TimelineEntry Add(DateTimeOffset ts, string kind, string node, string? service, string? host, string? detail)
    {
        lock (_lock)
        {
            var entry = new TimelineEntry(++_last, ts, kind, node, service, host, detail);
            _ring[(entry.Seq - 1) % _ring.Length] = entry;
            return entry;
        }
    }

    private static string Down(string? reason) => reason switch
    {
        "Destroyed" => "kill",
        "Shutdown" => "stop",
        "unreachable" => "unreachable",
        _ => "crash",
    };

    private static string? Join(string? a, string? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        _ => $"{a}: {b}",
    };
}

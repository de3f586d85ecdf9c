using System.Collections.Concurrent;

namespace Actors.Supervision;

/// <summary>What <c>actors ps</c> shows: every node the cluster supervisor runs, kept from its runtime events
/// (boot, ready, down, restart). Safe to read from any thread.</summary>
public sealed class NodeTable
{
    private readonly ConcurrentDictionary<string, NodeRow> _rows = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates an empty table on <paramref name="time"/>.</summary>
    public NodeTable(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>The rows, by node name.</summary>
    public IReadOnlyList<NodeRow> Rows => [.. _rows.Values.OrderBy(r => r.Node, StringComparer.Ordinal)];

    /// <summary>What happened to the nodes lately (what the dashboard's timeline shows).</summary>
    public Timeline Timeline { get; } = new();

    /// <summary>Applies one runtime event of the supervisor's node.</summary>
    public void Apply(RuntimeEvent e)
    {
        var fields = e.Fields;
        if (!fields.ContainsKey("domain") && !fields.ContainsKey("child"))
        {
            return;
        }

        switch (e.Event)
        {
            // The driver's boot call may return after the node is already Up (in-process nodes): a boot report
            // never takes an Up node back to booting.
            case "node.boot" or "node.adopt" when fields.ContainsKey("service"):
                _rows.AddOrUpdate(fields["domain"],
                    name => new NodeRow(name, fields["service"], Empty(fields["tenant"]), fields["host"], "booting", e.Ts, 0),
                    (_, row) => row.State == "up" ? row with { Host = fields["host"] } : row with { Host = fields["host"], State = "booting", Since = e.Ts, Address = null });
                break;
            case "node.ready" when fields.ContainsKey("service"):
                _rows.AddOrUpdate(fields["domain"],
                    name => new NodeRow(name, fields["service"], Empty(fields["tenant"]), fields["host"], "up", e.Ts, 0) { Address = fields.GetValueOrDefault("address") },
                    (_, row) => row with { Host = fields["host"], State = "up", Since = e.Ts, Address = fields.GetValueOrDefault("address") });
                break;
            case "node.down" when fields.ContainsKey("domain"):
                Update(fields["domain"], row => row with { State = "down", Since = e.Ts });
                break;
            case "child.restart" when fields.TryGetValue("child", out var child) && _rows.ContainsKey(child):
                Update(fields["child"], row => row with { Restarts = row.Restarts + 1 });
                break;
            default:
                break;
        }

        Timeline.Apply(e, name => _rows.GetValueOrDefault(name));
    }

    /// <summary>How long <paramref name="row"/> has been in its state.</summary>
    public TimeSpan Uptime(NodeRow row) => _time.GetUtcNow() - row.Since;

    private void Update(string name, Func<NodeRow, NodeRow> change)
    {
        if (_rows.TryGetValue(name, out var row))
        {
            _rows[name] = change(row);
        }
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}

/// <summary>One node in <see cref="NodeTable"/>.</summary>
/// <param name="Node">Node (domain) name.</param>
/// <param name="Service">Its service.</param>
/// <param name="Tenant">Its tenant, for per-tenant services.</param>
/// <param name="Host">The host it runs on.</param>
/// <param name="State">booting, up or down.</param>
/// <param name="Since">When it entered that state.</param>
/// <param name="Restarts">How many times the supervisor restarted it.</param>
public sealed record NodeRow(string Node, string Service, string? Tenant, string Host, string State, DateTimeOffset Since, int Restarts)
{
    /// <summary>The node's cluster address while it is up (e.g. <c>akka.tcp://actors@10.0.5.100:4053</c>).</summary>
    public string? Address { get; init; }
}

namespace Actors.Cli;

/// <summary>One refresh of <c>actors top</c>: totals by state, a line per host, and the nodes that most need
/// looking at (most restarts first, then any not up).</summary>
/// <param name="Nodes">How many nodes the supervisor runs.</param>
/// <param name="States">Nodes per state (up, booting, down).</param>
/// <param name="Restarts">Restarts summed over all nodes.</param>
/// <param name="Hosts">Per host: nodes, how many up, restarts.</param>
/// <param name="Top">The first nodes in that order, at most the limit asked for.</param>
internal sealed record TopFrame(int Nodes, IReadOnlyDictionary<string, int> States, int Restarts, IReadOnlyList<HostLine> Hosts, IReadOnlyList<NodeInfo> Top)
{
    public static TopFrame Of(IReadOnlyList<NodeInfo> nodes, int limit) => new(
        nodes.Count,
        nodes.GroupBy(n => n.State).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
        nodes.Sum(n => n.Restarts),
        [.. nodes.GroupBy(n => n.Host).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new HostLine(g.Key, g.Count(), g.Count(n => n.State == "up"), g.Sum(n => n.Restarts)))],
        [.. nodes.OrderByDescending(n => n.Restarts).ThenBy(n => n.State == "up").ThenBy(n => n.Node, StringComparer.Ordinal).Take(limit)]);
}

/// <summary>One host's line in <see cref="TopFrame"/>.</summary>
/// <param name="Host">Host name.</param>
/// <param name="Nodes">Nodes placed on it.</param>
/// <param name="Up">Of those, how many are up.</param>
/// <param name="Restarts">Restarts of its nodes.</param>
internal sealed record HostLine(string Host, int Nodes, int Up, int Restarts);

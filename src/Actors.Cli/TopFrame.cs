namespace Actors.Cli;

/// <summary>One refresh of <c>actors top</c>: totals by state, a line per host, and the nodes that most need
/// looking at (most restarts first, then any not up).</summary>
/// <param name="Nodes">How many nodes the supervisor runs.</param>
/// <param name="States">Nodes per state (up, booting, down).</param>
/// <param name="Restarts">Restarts summed over all nodes.</param>
/// <param name="Hosts">Per host: lost or not, nodes, how many up, restarts, capacity used.</param>
/// <param name="Top">The first nodes in that order, at most the limit asked for.</param>
internal sealed record TopFrame(int Nodes, IReadOnlyDictionary<string, int> States, int Restarts, IReadOnlyList<HostLine> Hosts, IReadOnlyList<NodeInfo> Top)
{
    public static TopFrame Of(IReadOnlyList<NodeInfo> nodes, IReadOnlyList<HostInfo> hosts, int limit)
    {
        var byHost = nodes.ToLookup(n => n.Host);
        return new(
            nodes.Count,
            nodes.GroupBy(n => n.State).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            nodes.Sum(n => n.Restarts),
            [.. hosts.OrderBy(h => h.Host, StringComparer.Ordinal).Select(h => new HostLine(
                h.Host, h.Lost, byHost[h.Host].Count(), byHost[h.Host].Count(n => n.State == "up"), byHost[h.Host].Sum(n => n.Restarts),
                h.MemoryMib - h.FreeMemoryMib, h.MemoryMib, h.Vcpus - h.FreeVcpus, h.Vcpus))],
            [.. nodes.OrderByDescending(n => n.Restarts).ThenBy(n => n.State == "up").ThenBy(n => n.Node, StringComparer.Ordinal).Take(limit)]);
    }
}

/// <summary>One host's line in <see cref="TopFrame"/>.</summary>
/// <param name="Host">Host name.</param>
/// <param name="Lost">Whether the supervisor takes the host for lost.</param>
/// <param name="Nodes">Nodes placed on it.</param>
/// <param name="Up">Of those, how many are up.</param>
/// <param name="Restarts">Restarts of its nodes.</param>
/// <param name="UsedMemoryMib">Memory placement has handed out on it.</param>
/// <param name="MemoryMib">Its memory for nodes.</param>
/// <param name="UsedVCpus">vCPUs placement has handed out on it.</param>
/// <param name="VCpus">Its vCPUs for nodes.</param>
internal sealed record HostLine(string Host, bool Lost, int Nodes, int Up, int Restarts, long UsedMemoryMib, long MemoryMib, int UsedVCpus, int VCpus);

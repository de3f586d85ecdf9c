using Actors.Node;
using Akka.Actor;

namespace Actors.Benchmarks;

/// <summary>Starts and stops many hosted nodes inside one host, a few at a time.</summary>
internal static class HostedFleet
{
    /// <summary>Starts <paramref name="count"/> echo nodes named <c>{prefix}-{i}</c>, <paramref name="parallel"/> at a time.</summary>
    public static async Task<HostedNode[]> StartAsync(ActorSystem host, int count, string prefix, int parallel)
    {
        var nodes = new HostedNode[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (i, ct) => nodes[i] = await HostedNode.StartAsync(host, EchoService.Spec, $"{prefix}-{i}", ct));
        return nodes;
    }

    /// <summary>Stops <paramref name="nodes"/>, <paramref name="parallel"/> at a time.</summary>
    public static Task StopAsync(IReadOnlyList<HostedNode> nodes, int parallel) =>
        Parallel.ForAsync(0, nodes.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (i, _) => await nodes[i].StopAsync());
}

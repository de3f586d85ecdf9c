using Actors.Hypervisor;

namespace Actors.Supervision;

/// <summary>Chooses a host for a node by free capacity: spread (the host with the most free memory) or pack
/// (the fullest host that still fits). Thread-safe: node proxies place concurrently.</summary>
public sealed partial class Placement
{
    private readonly Lock _lock = new();
    private readonly List<Host> _hosts;
    private readonly bool _pack;

    /// <summary>Creates the placement over <paramref name="hosts"/>.</summary>
    public Placement(IEnumerable<Host> hosts, PlacementStrategy strategy = PlacementStrategy.Spread)
    {
        _hosts = [.. hosts];
        _pack = strategy == PlacementStrategy.Pack;
    }

    /// <summary>Opens every host of <paramref name="cluster"/>, starts each host agent's heartbeat, and places by the
    /// file's strategy.</summary>
    public static Placement Open(ClusterFile cluster, HypervisorOptions options)
    {
        var placement = new Placement(cluster.Hosts.Select(h => new Host(h, options)), cluster.Strategy);
        foreach (var host in placement.Hosts)
        {
            host.StartHeartbeat(cluster.HostHeartbeat);
        }

        return placement;
    }

    /// <summary>The hosts.</summary>
    public IReadOnlyList<Host> Hosts => _hosts;

    /// <summary>Closes every host's agent: its warm pool, heartbeat and driver connection.</summary>
    public async Task CloseHostsAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Reserves room for <paramref name="memoryMiB"/> and <paramref name="vcpus"/> on the best host
    /// that is not lost, or returns null if none has room.</summary>
    public Host? Reserve(int memoryMiB, int vcpus)
    {
        lock (_lock)
        {
            var fits = _hosts.Where(h => !h.Lost && h.FreeMemoryMiB >= memoryMiB && h.FreeVCpus >= vcpus && h.Addresses?.HasFree != false);
            var best = _pack ? fits.MinBy(h => h.FreeMemoryMiB) : fits.MaxBy(h => h.FreeMemoryMiB);
            best?.Take(memoryMiB, vcpus);
            return best;
        }
    }

    /// <summary>Gives back a reservation.</summary>
    public void Release(Host host, int memoryMiB, int vcpus)
    {
        lock (_lock)
        {
            host.Take(-memoryMiB, -vcpus);
        }
    }
}

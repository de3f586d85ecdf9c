using System.Net;

namespace Actors.Supervision;

/// <summary>The addresses of one host's <see cref="BridgedNetwork"/> and which node holds each. A node keeps its
/// address while it is supervised (a restart on the same host gets it back); a domain adopted after a failover
/// brings the address it was booted with. Safe to use from any thread.</summary>
public sealed class NodeAddresses(string host, BridgedNetwork network)
{
    private readonly Dictionary<string, IPAddress> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IPAddress> _last = new(StringComparer.Ordinal);
    private readonly HashSet<long> _taken = [];
    private readonly Lock _lock = new();

    /// <summary>The network the addresses come from.</summary>
    public BridgedNetwork Network => network;

    /// <summary>Whether an address is free.</summary>
    public bool HasFree
    {
        get
        {
            lock (_lock)
            {
                return _taken.Count < network.Count;
            }
        }
    }

    /// <summary>The address of <paramref name="domain"/>: the one it holds, else the one it held last if that is free
    /// (a restarted node comes back at its address), else the lowest free one. Throws
    /// <see cref="InvalidOperationException"/> naming the host and range when every address is held.</summary>
    public IPAddress Lease(string domain)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(domain, out var held))
            {
                return held;
            }

            if (_last.TryGetValue(domain, out var last) && _taken.Add(BridgedNetwork.ToNumber(last)))
            {
                _held[domain] = last;
                return last;
            }

            for (long i = 0; i < network.Count; i++)
            {
                var address = network.At(i);
                if (_taken.Add(BridgedNetwork.ToNumber(address)))
                {
                    _held[domain] = address;
                    _last[domain] = address;
                    return address;
                }
            }

            throw new InvalidOperationException(
                $"host {host} has no free node address: all {network.Count} of {network.First}-{network.Last} are held; widen the host's network.addresses in the cluster file");
        }
    }

    /// <summary>Records that <paramref name="domain"/>, found running, holds <paramref name="address"/> (from its
    /// label); false if the address is outside the range or held by another domain.</summary>
    public bool Claim(string domain, IPAddress address)
    {
        lock (_lock)
        {
            if (!network.Contains(address) || _held.ContainsKey(domain) || !_taken.Add(BridgedNetwork.ToNumber(address)))
            {
                return false;
            }

            _held[domain] = address;
            _last[domain] = address;
            return true;
        }
    }

    /// <summary>Frees the address <paramref name="domain"/> holds, if any.</summary>
    public void Release(string domain)
    {
        lock (_lock)
        {
            if (_held.Remove(domain, out var address))
            {
                _taken.Remove(BridgedNetwork.ToNumber(address));
            }

            // Remembered so that the domain, restarted, gets it back if no other node took it meanwhile; a host
            // remembers at most one address per domain name it has run.
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Actors.Supervision;

/// <summary>The remoting port of each node on a <c>qemu://</c> host, where the VM's port is forwarded from the
/// host's address: one port per domain name for this supervisor's life, so a restarted or moved node keeps its
/// port, and no two domains share one (ports are unique across hosts, which is more than needed). A port
/// something on this machine already listens on (127.0.0.1) is skipped. Domains adopted from an earlier
/// supervisor are not known here.</summary>
internal sealed class ForwardedPorts
{
    /// <summary>The first port handed out; below Linux's ephemeral range (32768 on), so outgoing connections do not take them.</summary>
    public const int First = 24100;

    /// <summary>The last port handed out.</summary>
    public const int Last = 32767;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);
    private int _next = First;

    /// <summary>The port of <paramref name="domain"/>: the one it had, or the next free one.</summary>
    public int For(string domain)
    {
        lock (_lock)
        {
            if (_ports.TryGetValue(domain, out var port))
            {
                return port;
            }

            while (_next <= Last)
            {
                var candidate = _next++;
                if (IsFree(candidate))
                {
                    _ports[domain] = candidate;
                    return candidate;
                }
            }

            throw new InvalidOperationException($"no forwarded port is left for {domain}: ports {First}-{Last} are all handed out");
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Actors.TestSupport;

/// <summary>Loopback ports for tests.</summary>
public static class Ports
{
    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (the system picked it).</summary>
    public static int FreeLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Actors.Supervision;

/// <summary>Learns when a shell has warmed up: it starts listening only once its runtime and Akka have run once,
/// and it writes nothing the supervisor reads, so the port is tried until it accepts.</summary>
internal static class ShellProbe
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>True once something accepts on loopback <paramref name="port"/>; false if <paramref name="gone"/>
    /// says the shell went away, or after two minutes.</summary>
    public static async Task<bool> WaitUntilListeningAsync(int port, Func<bool> gone)
    {
        var deadline = DateTime.UtcNow + Limit;
        using var timer = new PeriodicTimer(Every);
        while (DateTime.UtcNow < deadline && !gone())
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await timer.WaitForNextTickAsync();
            }
        }

        return false;
    }
}

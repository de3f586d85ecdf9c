using System.Net.Sockets;
using Akka.Actor;

namespace Actors.Node.Tests;

/// <summary>Bytes that are not Akka's protocol, sent to a node's remoting port over loopback, are dropped with the
/// connection; the node keeps running and keeps answering its cluster.</summary>
public sealed class RemotingGarbageTests
{
    [Fact]
    public async Task Garbage_on_the_remoting_port_leaves_the_node_running_and_answering()
    {
        var service = TestServices.Pong(instances: 1);
        var pong = await Node.StartAsync(service, LocalCluster.NodeOptions(1));
        var caller = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(2) with { Seeds = [pong.Address.ToString()] }, service.MessageTypes);
        try
        {
            await caller.WhenMembersUpAsync(2);
            var random = new Random(7);
            foreach (var payload in new[]
            {
                new byte[] { 0, 0, 0, 4, 1, 2, 3, 4 },          // a frame of junk
                new byte[] { 0x7F, 0xFF, 0xFF, 0xFF, 0x00 },    // a frame length of 2 GiB
                System.Text.Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
                Enumerable.Range(0, 65536).Select(_ => (byte)random.Next(256)).ToArray(),
            })
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", pong.Address.Port!.Value);
                var stream = client.GetStream();
                await stream.WriteAsync(payload);
                await stream.FlushAsync();

                // The node closes the connection (or leaves it idle); read until it does or 5 s pass, never longer.
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    while (await stream.ReadAsync(new byte[1024], limit.Token) > 0)
                    {
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                }
            }

            Assert.False(pong.Terminated.IsCompleted);
            var reply = await ServiceRef.To(caller.System, service).Ask<Pong>(new Ping("still here"), TimeSpan.FromSeconds(20));
            Assert.Equal("still here", reply.Text);
        }
        finally
        {
            await caller.StopAsync();
            await pong.StopAsync();
        }
    }
}

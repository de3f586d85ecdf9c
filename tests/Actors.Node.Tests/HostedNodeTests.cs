using Akka.Actor;

namespace Actors.Node.Tests;

public sealed class HostedNodeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_hosted_node_answers_another_cluster_member_through_its_hosts_address()
    {
        var host = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(1), TestServices.Pong().MessageTypes);
        var other = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(2) with { Seeds = [host.Address.ToString()] },
            TestServices.Pong().MessageTypes);
        try
        {
            var hosted = await HostedNode.StartAsync(host.System, TestServices.Pong(), "pong-7");

            var reply = await other.System.ActorSelection(hosted.Path).Ask<Pong>(new Ping("hi"), Timeout);

            Assert.Equal("hi", reply.Text);
            Assert.Equal(host.Address, hosted.Path.Address);
            Assert.EndsWith("/user/nodes/pong-7", hosted.Path.ToString());
        }
        finally
        {
            await Task.WhenAll(other.StopAsync(), host.StopAsync());
        }
    }

    [Fact]
    public async Task A_hosted_node_whose_root_gives_up_stops_alone_and_its_host_keeps_running()
    {
        var events = new EventLog();
        var host = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(1), TestServices.Pong().MessageTypes, events.Add);
        try
        {
            var hosted = await HostedNode.StartAsync(host.System, TestServices.Pong(intensity: 0), "pong-1");

            hosted.Entry.Tell(new Ping("crash"));

            await hosted.Terminated.WaitAsync(Timeout);
            await events.WaitForAsync(e => e.Event == "service.down");
            Assert.False(host.Terminated.IsCompleted);
            var again = await HostedNode.StartAsync(host.System, TestServices.Pong(), "pong-1");
            Assert.Equal("again", (await again.Entry.Ask<Pong>(new Ping("again"), Timeout)).Text);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Stopping_a_hosted_node_stops_its_children_and_frees_its_name()
    {
        var events = new EventLog();
        var host = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(1), TestServices.Pong().MessageTypes, events.Add);
        try
        {
            var hosted = await HostedNode.StartAsync(host.System, TestServices.Pong(), "pong-1");
            var duplicate = await Assert.ThrowsAsync<ArgumentException>(() => HostedNode.StartAsync(host.System, TestServices.Pong(), "pong-1"));

            await hosted.StopAsync();

            Assert.Contains("already running", duplicate.Message);
            await events.WaitForAsync(e => e.Event == "child.exit" && e.Fields["reason"] == "shutdown");
            await HostedNode.StartAsync(host.System, TestServices.Pong(), "pong-1");
        }
        finally
        {
            await host.StopAsync();
        }
    }
}

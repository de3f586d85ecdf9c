using Actors;
using Akka.Actor;
using Akka.Serialization;

namespace Actors.Node.Tests;

public sealed class LocalClusterTests : IAsyncLifetime
{
    private readonly EventLog _events = new();
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await LocalCluster.StartAsync([TestServices.Pong(), TestServices.Caller], _events.Add);

    public Task DisposeAsync() => _cluster.StopAsync();

    [Fact]
    public async Task Three_nodes_are_up_with_erlang_style_names_and_each_reported_node_up()
    {
        Assert.Equal(["pong-1@127.0.0.1", "pong-2@127.0.0.1", "caller-1@127.0.0.1"], _cluster.Nodes.Select(n => n.Name));
        var up = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            up.Add((await _events.WaitForAsync(e => e.Event == "node.up")).Node);
        }

        Assert.Equal(_cluster.Nodes.Select(n => n.Name).Order(), up.Order());
    }

    [Fact]
    public async Task A_request_crosses_nodes_and_is_answered_by_a_pong_node_through_hyperion()
    {
        var caller = _cluster["caller-1@127.0.0.1"].System;
        var pong = ServiceRef.To(caller, TestServices.Pong());
        var answers = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            var reply = await pong.Ask<Pong>(new Ping($"hi {i}"), TimeSpan.FromSeconds(5));
            Assert.Equal($"hi {i}", reply.Text);
            answers.Add(reply.Node);
        }

        Assert.Equal(["pong-1@127.0.0.1", "pong-2@127.0.0.1"], answers.Order());
        Assert.IsType<AllowListSerializer>(caller.Serialization.FindSerializerForType(typeof(Ping)));
    }

    [Fact]
    public async Task A_crashed_child_is_restarted_by_its_supervisor_and_serves_again()
    {
        var pong1 = _cluster["pong-1@127.0.0.1"].System;
        var entry = pong1.ActorSelection(TestServices.Pong().EntryPath);
        Assert.Equal("/user/pong/root/pong", TestServices.Pong().EntryPath);
        var before = await entry.ResolveOne(TimeSpan.FromSeconds(5));

        entry.Tell(new Ping("crash"));
        var restart = await _events.WaitForAsync(e => e.Event == "child.restart" && e.Node == "pong-1@127.0.0.1");

        Assert.Equal("pong", restart.Fields["child"]);
        Assert.Contains("crash requested", restart.Fields["reason"]);
        // The supervisor answers commands only once the restart is done, so this is the new child.
        var root = await pong1.ActorSelection(TestServices.Pong().RootPath).ResolveOne(TimeSpan.FromSeconds(5));
        var after = (await root.WhichChildrenAsync()).Single().Ref!;
        Assert.NotEqual(before, after);
        var reply = await after.Ask<Pong>(new Ping("again"), TimeSpan.FromSeconds(5));
        Assert.Equal("pong-1@127.0.0.1", reply.Node);
    }
}

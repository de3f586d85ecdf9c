using Actors;
using Akka.Actor;
using Microsoft.Extensions.Configuration;

namespace Actors.Node.Tests;

public sealed class NodeTests
{
    [Fact]
    public async Task A_root_supervisor_that_gives_up_takes_its_node_down()
    {
        var events = new EventLog();
        var service = TestServices.Pong(instances: 1, intensity: 0);
        var node = await Node.StartAsync(service, LocalCluster.NodeOptions(1), events: events.Add);

        node.System.ActorSelection(service.EntryPath).Tell(new Ping("crash"));

        await node.Terminated.WaitAsync(TimeSpan.FromSeconds(30));
        var names = events.All.Select(e => e.Event).ToList();
        Assert.Contains("supervisor.escalate", names);
        Assert.Contains("service.down", names);
        Assert.Equal("node.down", names[^1]);
    }

    [Fact]
    public async Task Stopping_a_node_stops_its_children_and_reports_node_down()
    {
        var events = new EventLog();
        var node = await Node.StartAsync(TestServices.Pong(instances: 1), LocalCluster.NodeOptions(1), events: events.Add);

        await node.StopAsync();

        Assert.True(node.Terminated.IsCompleted);
        Assert.Contains(events.All, e => e.Event == "child.exit" && e.Fields["reason"] == "shutdown");
        Assert.Equal("node.down", events.All.Last().Event);
    }

    [Theory]
    [InlineData("Greeter", "not a DNS label")]
    [InlineData("greeter_1", "not a DNS label")]
    [InlineData("-greeter", "not a DNS label")]
    [InlineData("greeter-", "not a DNS label")]
    [InlineData("", "required")]
    public void A_bad_service_name_is_refused_with_the_name_in_the_message(string name, string problem)
    {
        var e = Assert.Throws<ArgumentException>(() => new ServiceSpec(name, new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<PongActor>("a"))));
        Assert.Contains(problem, e.Message);
        Assert.Contains($"'{name}'", name.Length > 0 ? e.Message : $"'{name}'");
    }

    [Fact]
    public void A_service_name_longer_than_a_dns_label_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => ServiceName.Validate(new string('a', 64)));
        Assert.Contains("64 characters", e.Message);
    }

    [Theory]
    [InlineData("node:port", "70000", "node:port is 70000")]
    [InlineData("node:ordinal", "0", "node:ordinal is 0")]
    [InlineData("node:seeds:0", "http://x:1", "node:seeds has 'http://x:1'")]
    [InlineData("node:logLevel", "LOUD", "node:logLevel is 'LOUD'")]
    public void Bad_node_options_name_the_setting(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(key, value)]).Build();
        var e = Assert.Throws<ArgumentException>(() => NodeOptions.Bind(configuration));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Node_options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("node:port", "4053"), new("node:ordinal", "3"), new("node:seeds:0", "akka.tcp://actors@10.0.0.1:4053")])
            .Build();
        var options = NodeOptions.Bind(configuration);
        Assert.Equal(4053, options.Port);
        Assert.Equal("greeter-3@127.0.0.1", options.NodeName("greeter"));
        Assert.Equal(["akka.tcp://actors@10.0.0.1:4053"], options.Seeds);
    }
}

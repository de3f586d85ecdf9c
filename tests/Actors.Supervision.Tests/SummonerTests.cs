using Akka.Actor;
using Hello;

namespace Actors.Supervision.Tests;

/// <summary>The summoner against a stand-in for a service's node supervisor, to hold the moments real ones only pass
/// through: a summons for a node whose supervisor has not yet let go of the name of the one that just ended.</summary>
public sealed class SummonerTests : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create($"summoner-{Guid.NewGuid():N}");
    private readonly EventLog _events = new();

    public Task InitializeAsync()
    {
        var sink = _system.ActorOf(Props.Create(() => new EventSink(_events)));
        _system.EventStream.Subscribe(sink, typeof(RuntimeEvent));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    [Fact]
    public async Task A_start_refused_as_already_started_with_no_such_node_running_is_tried_again_without_a_second_summons()
    {
        var starts = new AwaitableLog<string>();
        var greeter = HelloServices.Greeter with { Scaling = Scaling.PerTenant(TimeSpan.FromMinutes(10)) };
        var placement = new Placement([]);
        Dictionary<string, Func<string?, int, NodeProxySettings>> services = new()
        {
            ["greeter"] = (tenant, ordinal) => new NodeProxySettings(greeter, $"greeter-{tenant}", ordinal, placement, new NodeLaunch(), TimeSpan.FromSeconds(5)),
        };
        var tree = _system.ActorOf(Props.Create(() => new Tree(services, starts, 2)), "tree");

        tree.Tell(new Summon("greeter", "acme"));
        await starts.WaitForAsync(_ => starts.All.Count == 3, TimeSpan.FromSeconds(10));
        await _events.WaitForAsync(e => e.Event == "node.summon");
        tree.Tell(new Summon("greeter", "acme"));
        var stillOne = await _system.ActorSelection("/user/tree/greeter").Ask<int>(Count.Instance, TimeSpan.FromSeconds(5));

        Assert.Equal(["greeter-acme", "greeter-acme", "greeter-acme"], starts.All);
        Assert.Equal(3, stillOne);
        Assert.Single(_events.All, e => e.Event == "node.summon");
        Assert.DoesNotContain(_events.All, e => e.Event == "node.summon.failed");
    }

    private sealed record Count
    {
        public static Count Instance { get; } = new();
    }

    /// <summary>The summoner and, beside it, a node supervisor that refuses the first starts as already_started.</summary>
    private sealed class Tree : ReceiveActor
    {
        public Tree(IReadOnlyDictionary<string, Func<string?, int, NodeProxySettings>> services, AwaitableLog<string> starts, int refusals)
        {
            Context.ActorOf(Props.Create(() => new RefusingSupervisor(starts, refusals)), "greeter");
            var summoner = Context.ActorOf(Summoner.Props(services, []), "summoner");
            Receive<Summon>(summoner.Forward);
        }
    }

    private sealed class RefusingSupervisor : ReceiveActor
    {
        public RefusingSupervisor(AwaitableLog<string> starts, int refusals)
        {
            Receive<SupervisorCommands.StartInstance>(start =>
            {
                starts.Add(start.Id!);
                Sender.Tell(starts.All.Count <= refusals
                    ? new Status.Failure(new SupervisorException("already_started", $"An instance '{start.Id}' is already running."))
                    : new SupervisorCommands.ChildStarted(start.Id!, Context.ActorOf(Props.Empty)));
            });
            Receive<Count>(_ => Sender.Tell(starts.All.Count));
        }
    }

    private sealed class EventSink : ReceiveActor
    {
        public EventSink(EventLog events) => Receive<RuntimeEvent>(events.Add);
    }
}

using Akka.Actor;

namespace Actors.Tests.Otp;

public sealed class NestedSupervisorTests : OtpTestKit
{
    private static readonly ExitReason MaxIntensity = ExitReason.ShutdownWith("reached_max_restart_intensity");

    private ChildSpec Inner(params ChildSpec[] children) =>
        ChildSpec.Supervisor("inner", new SupervisorSpec(RestartStrategy.OneForOne, children));

    [Fact]
    public async Task A_nested_supervisor_has_started_only_when_all_its_children_have()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Inner(Worker("x"), Worker("y")), Worker("b")));

        ExpectStarted("a", "x", "y", "b");
    }

    [Fact]
    public async Task Parent_shutdown_stops_the_nested_tree_depth_first_in_reverse_start_order()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Inner(Worker("x"), Worker("y")), Worker("b")));
        ExpectStarted("a", "x", "y", "b");

        ShutdownSupervisor();

        ExpectExited("b", ExitReason.Shutdown);
        ExpectExited("y", ExitReason.Shutdown);
        ExpectExited("x", ExitReason.Shutdown);
        ExpectExited("a", ExitReason.Shutdown);
        ExpectDown(ExitReason.Shutdown);
    }

    [Fact]
    public async Task Nested_supervisor_escalation_is_an_exit_that_the_parent_sees_and_restarts()
    {
        var events = SubscribeEvents();
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Inner(Worker("x"))));
        var first = ExpectStarted("a", "x");
        var inner = (await sup.WhichChildrenAsync())[1].Ref;
        first[1].Tell(Crash.Instance);
        ExpectCrashed("x");
        var x = ExpectStarted("x")[0];

        x.Tell(Crash.Instance);

        ExpectCrashed("x");
        Assert.Equal(MaxIntensity.ToString(), ExpectEvent(events, "supervisor.escalate").Fields["reason"]);
        var restart = ExpectEvent(events, "child.restart", "inner");
        Assert.Equal(MaxIntensity.ToString(), restart.Fields["reason"]);
        ExpectStarted("x");
        var children = await sup.WhichChildrenAsync();
        Assert.Equal(first[0], children[0].Ref);
        Assert.NotEqual(inner, children[1].Ref);
    }

    [Fact]
    public async Task Repeated_nested_escalations_exceed_the_parents_intensity_and_escalate_to_the_top()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Inner(Worker("x"))));
        var x = ExpectStarted("a", "x")[1];
        for (var escalation = 0; escalation < 2; escalation++)
        {
            x.Tell(Crash.Instance);
            ExpectCrashed("x");
            x = ExpectStarted("x")[0];
            x.Tell(Crash.Instance);
            ExpectCrashed("x");
            if (escalation == 0)
            {
                x = ExpectStarted("x")[0];
            }
        }

        ExpectExited("a", ExitReason.Shutdown);
        ExpectDown(MaxIntensity);
    }

    [Fact]
    public async Task A_nested_supervisor_that_fails_to_start_its_children_fails_the_parents_start()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            Worker("a"), Inner(ChildSpec.Worker("bad", Props.Create<FailingProcess>())), Worker("b")));
        ExpectStarted("a");

        ExpectExited("a", ExitReason.Shutdown);
        var down = Probe.ExpectMsg<Down>().Reason;
        Assert.Equal(ExitKind.Shutdown, down.Kind);
        Assert.StartsWith("failed_to_start_child,inner,", down.Detail);
        Assert.Contains("failed_to_start_child,bad,", down.Detail);
        Probe.ExpectNoMsg(Briefly);
    }

    [Fact]
    public async Task Terminate_child_on_a_nested_supervisor_stops_its_subtree_in_reverse_order()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Inner(Worker("x"), Worker("y"))));
        ExpectStarted("a", "x", "y");

        await sup.TerminateChildAsync("inner");

        ExpectExited("y", ExitReason.Shutdown);
        ExpectExited("x", ExitReason.Shutdown);
        var children = await sup.WhichChildrenAsync();
        Assert.Equal([("a", true), ("inner", false)], children.Select(c => (c.Id, c.Ref is not null)));
    }

    [Fact]
    public async Task Brutal_kill_of_a_nested_supervisor_kills_its_children_with_killed()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            Inner(Worker("x", Trap.Cooperate)).WithShutdown(Actors.Shutdown.BrutalKill)));
        var x = ExpectStarted("x")[0];
        var outsider = Spawn("outsider");
        await Call(outsider, new LinkTo(x));
        // x must have taken the link in before the kill: Akka stops an actor ahead of the messages in its mailbox, so
        // a link still queued there would be lost (and the outsider see a normal exit). The ping queues behind it.
        Assert.Equal(new Pong("x"), await x.Ask<Pong>(Ping.Instance, TimeSpan.FromSeconds(10)));

        await sup.TerminateChildAsync("inner");

        // No shutdown signal reaches x: it dies with its killed supervisor, and the kill spreads over its link.
        ExpectExited("x", ExitReason.Killed);
        ExpectExited("outsider", ExitReason.Killed);
    }

    [Fact]
    public async Task A_transient_nested_supervisor_that_gives_up_is_not_restarted_because_it_exits_with_shutdown()
    {
        var events = SubscribeEvents();
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Inner(Worker("x")).WithRestart(RestartType.Transient)));
        var x = ExpectStarted("a", "x")[1];
        x.Tell(Crash.Instance);
        ExpectCrashed("x");
        x = ExpectStarted("x")[0];

        x.Tell(Crash.Instance);

        ExpectCrashed("x");
        Assert.Equal(MaxIntensity.ToString(), ExpectEvent(events, "child.exit", "inner").Fields["reason"]);
        var children = await sup.WhichChildrenAsync();
        Assert.Equal([("a", true), ("inner", false)], children.Select(c => (c.Id, c.Ref is not null)));
        Probe.ExpectNoMsg(Briefly);
    }
}

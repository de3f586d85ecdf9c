using Akka.Actor;

namespace Actors.Tests.Otp;

public sealed class StartStopOrderTests : OtpTestKit
{
    [Fact]
    public async Task Children_start_one_at_a_time_in_spec_order()
    {
        var events = SubscribeEvents();
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Worker("b"), Worker("c"), Worker("d")));

        var refs = ExpectStarted("a", "b", "c", "d");

        Assert.Equal(["a", "b", "c", "d"], Enumerable.Range(0, 4).Select(_ => ExpectEvent(events, "child.start").Fields["child"]));
        Assert.Equal(refs, Refs(await sup.WhichChildrenAsync()));
    }

    [Fact]
    public async Task Supervisor_shutdown_stops_children_in_reverse_start_order_then_exits_with_shutdown()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Worker("b", Trap.Cooperate), Worker("c")));
        ExpectStarted("a", "b", "c");

        ShutdownSupervisor();

        ExpectExited("c", ExitReason.Shutdown);
        ExpectTrapped("b", ExitReason.Shutdown);
        ExpectExited("b", ExitReason.Shutdown);
        ExpectExited("a", ExitReason.Shutdown);
        ExpectDown(ExitReason.Shutdown);
    }

    [Fact]
    public async Task Dynamic_children_stop_before_static_ones_because_they_started_later()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Worker("b")));
        ExpectStarted("a", "b");
        await sup.StartChildAsync(Worker("x"));
        ExpectStarted("x");

        ShutdownSupervisor();

        ExpectExited("x", ExitReason.Shutdown);
        ExpectExited("b", ExitReason.Shutdown);
        ExpectExited("a", ExitReason.Shutdown);
        ExpectDown(ExitReason.Shutdown);
    }

    [Fact]
    public async Task A_child_failing_to_start_during_init_stops_the_started_ones_and_fails_the_supervisor()
    {
        var events = SubscribeEvents();
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            Worker("a"), Worker("b"), ChildSpec.Worker("bad", Props.Create<FailingProcess>()), Worker("c")));
        ExpectStarted("a", "b");

        ExpectExited("b", ExitReason.Shutdown);
        ExpectExited("a", ExitReason.Shutdown);
        var down = Probe.ExpectMsg<Down>().Reason;
        Assert.Equal(ExitKind.Shutdown, down.Kind);
        Assert.StartsWith("failed_to_start_child,bad,", down.Detail);
        Assert.Contains("cannot start", down.Detail);
        ExpectEvent(events, "supervisor.escalate");
        Probe.ExpectNoMsg(Briefly);
    }

    [Fact]
    public async Task A_start_function_that_throws_during_init_fails_the_supervisor()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            Worker("a"), new ChildSpec("bad", _ => throw new ArgumentException("no such config")), Worker("c")));
        ExpectStarted("a");

        ExpectExited("a", ExitReason.Shutdown);
        var down = Probe.ExpectMsg<Down>().Reason;
        Assert.StartsWith("failed_to_start_child,bad,", down.Detail);
        Assert.Contains("no such config", down.Detail);
    }

    [Fact]
    public void Supervisor_spec_rejects_duplicate_child_ids()
    {
        var error = Assert.Throws<ArgumentException>(() => new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Worker("a")));

        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void Simple_one_for_one_spec_takes_exactly_one_template()
    {
        Assert.Throws<ArgumentException>(() => new SupervisorSpec(RestartStrategy.SimpleOneForOne, Worker("a"), Worker("b")));
        Assert.Throws<ArgumentException>(() => new SupervisorSpec(RestartStrategy.SimpleOneForOne));
    }

    [Fact]
    public async Task A_supervisor_told_to_exit_by_its_parent_stops_its_children_with_shutdown_and_exits_with_the_parents_reason()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Worker("b")));
        ExpectStarted("a", "b");

        HostRef!.Tell(new SignalChild(ExitReason.Error("parent_failed")));

        ExpectExited("b", ExitReason.Shutdown);
        ExpectExited("a", ExitReason.Shutdown);
        ExpectDown(ExitReason.Error("parent_failed"));
    }

    [Fact]
    public async Task A_supervisor_ignores_exit_signals_from_processes_other_than_its_parent()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a")));
        var a = ExpectStarted("a")[0];

        sup.Tell(new ExitSignal(TestActor, ExitReason.Error("stranger")));

        Assert.Equal([a], Refs(await sup.WhichChildrenAsync()));
        Probe.ExpectNoMsg(Briefly);
    }
}

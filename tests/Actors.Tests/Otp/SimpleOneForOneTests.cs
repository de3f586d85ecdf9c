using Akka.Actor;

namespace Actors.Tests.Otp;

public sealed class SimpleOneForOneTests : OtpTestKit
{
    private SupervisorSpec Spec(RestartType restart = RestartType.Permanent, Trap trap = Trap.None) =>
        new(RestartStrategy.SimpleOneForOne, Template(trap).WithRestart(restart));

    [Fact]
    public async Task Simple_one_for_one_starts_no_children_until_asked()
    {
        var sup = await StartAsync(Spec());

        Assert.Equal(new SupervisorCommands.ChildCounts(1, 0, 0, 0), await sup.CountChildrenAsync());
        Assert.Empty(await sup.WhichChildrenAsync());
    }

    [Fact]
    public async Task Simple_one_for_one_start_child_passes_its_argument_to_the_template()
    {
        var sup = await StartAsync(Spec());

        var started = await sup.StartInstanceAsync("x");

        var process = Probe.ExpectMsg<Started>();
        Assert.Equal(("w:x", "x", started.Ref), (process.Name, process.Argument, process.Ref));
        Assert.Equal(new SupervisorCommands.ChildCounts(1, 1, 0, 1), await sup.CountChildrenAsync());
    }

    [Fact]
    public async Task Simple_one_for_one_restarts_a_crashed_instance_with_its_argument_and_leaves_the_others()
    {
        var sup = await StartAsync(Spec());
        var x = (await sup.StartInstanceAsync("x")).Ref;
        var y = (await sup.StartInstanceAsync("y")).Ref;
        ExpectStarted("w:x", "w:y");

        y.Tell(Crash.Instance);

        ExpectCrashed("w:y");
        var again = Probe.ExpectMsg<Started>();
        Assert.Equal(("w:y", "y"), (again.Name, again.Argument));
        Assert.Equal([x, again.Ref], Refs(await sup.WhichChildrenAsync()));
    }

    [Fact]
    public async Task A_named_instance_keeps_its_id_across_restarts_and_a_second_instance_of_that_name_is_refused()
    {
        var events = SubscribeEvents();
        var sup = await StartAsync(Spec());
        var started = await sup.StartInstanceAsync("node-a", "x");
        ExpectStarted("w:x");
        ExpectEvent(events, "child.start", "node-a");

        var duplicate = await Assert.ThrowsAsync<SupervisorException>(() => sup.StartInstanceAsync("node-a", "y"));
        started.Ref.Tell(Crash.Instance);

        ExpectCrashed("w:x");
        var restart = ExpectEvent(events, "child.restart", "node-a");
        Assert.Equal("node-a", started.Id);
        Assert.Equal("already_started", duplicate.Error);
        Assert.Equal("node-a", restart.Fields["child"]);
        Assert.Equal(["node-a"], (await sup.WhichChildrenAsync()).Select(c => c.Id));
    }

    [Fact]
    public async Task Simple_one_for_one_forgets_a_transient_instance_that_exits_normally()
    {
        var events = SubscribeEvents();
        var sup = await StartAsync(Spec(RestartType.Transient));
        var x = (await sup.StartInstanceAsync("x")).Ref;
        ExpectStarted("w:x");

        x.Tell(new ExitWith(ExitReason.ShutdownWith("done")));

        ExpectExited("w:x", ExitReason.ShutdownWith("done"));
        ExpectEvent(events, "child.exit");
        Assert.Empty(await sup.WhichChildrenAsync());
        Assert.Equal(new SupervisorCommands.ChildCounts(1, 0, 0, 0), await sup.CountChildrenAsync());
    }

    [Fact]
    public async Task Simple_one_for_one_forgets_a_temporary_instance_even_after_a_crash()
    {
        var events = SubscribeEvents();
        var sup = await StartAsync(Spec(RestartType.Temporary));
        var x = (await sup.StartInstanceAsync("x")).Ref;
        ExpectStarted("w:x");

        x.Tell(Crash.Instance);

        ExpectCrashed("w:x");
        ExpectEvent(events, "child.exit");
        Assert.Empty(await sup.WhichChildrenAsync());
        Probe.ExpectNoMsg(Briefly);
    }

    [Fact]
    public async Task Simple_one_for_one_refuses_static_children_restart_child_and_delete_child()
    {
        var sup = await StartAsync(Spec());
        var id = (await sup.StartInstanceAsync("x")).Id;

        var start = await Assert.ThrowsAsync<SupervisorException>(() => sup.StartChildAsync(Worker("a")));
        var restart = await Assert.ThrowsAsync<SupervisorException>(() => sup.RestartChildAsync(id));
        var delete = await Assert.ThrowsAsync<SupervisorException>(() => sup.DeleteChildAsync(id));

        Assert.Equal(["simple_one_for_one", "simple_one_for_one", "simple_one_for_one"], new[] { start.Error, restart.Error, delete.Error });
    }

    [Fact]
    public async Task Simple_one_for_one_terminate_child_stops_the_instance_and_forgets_it()
    {
        var sup = await StartAsync(Spec());
        var x = await sup.StartInstanceAsync("x");
        var y = await sup.StartInstanceAsync("y");
        ExpectStarted("w:x", "w:y");

        await sup.TerminateChildAsync(x.Id);

        ExpectExited("w:x", ExitReason.Shutdown);
        Assert.Equal([y.Ref], Refs(await sup.WhichChildrenAsync()));
        Probe.ExpectNoMsg(Briefly);
    }

    [Fact]
    public async Task Simple_one_for_one_shutdown_signals_all_instances_at_once_not_one_after_another()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.SimpleOneForOne,
            Template(Trap.Ignore).WithShutdown(Actors.Shutdown.After(TimeSpan.FromSeconds(1)))));
        await sup.StartInstanceAsync("x");
        await sup.StartInstanceAsync("y");
        ExpectStarted("w:x", "w:y");

        ShutdownSupervisor();

        // Both get the signal before either is killed at its deadline.
        var signalled = new[] { Probe.ExpectMsg<Trapped>().Name, Probe.ExpectMsg<Trapped>().Name };
        Assert.Equal(["w:x", "w:y"], signalled.Order());
        Probe.ExpectNoMsg(Briefly);
        Time.Advance(TimeSpan.FromSeconds(1));
        var exits = new[] { Probe.ExpectMsg<Exited>(), Probe.ExpectMsg<Exited>() };
        Assert.All(exits, e => Assert.Equal(ExitReason.Killed, e.Reason));
        ExpectDown(ExitReason.Shutdown);
    }

    [Fact]
    public async Task Simple_one_for_one_stops_all_instances_when_intensity_is_exceeded()
    {
        var sup = await StartAsync(Spec());
        var x = (await sup.StartInstanceAsync("x")).Ref;
        await sup.StartInstanceAsync("y");
        ExpectStarted("w:x", "w:y");
        x.Tell(Crash.Instance);
        ExpectCrashed("w:x");
        var x2 = ExpectStarted("w:x")[0];

        x2.Tell(Crash.Instance);

        ExpectCrashed("w:x");
        ExpectExited("w:y", ExitReason.Shutdown);
        ExpectDown(ExitReason.ShutdownWith("reached_max_restart_intensity"));
    }
}

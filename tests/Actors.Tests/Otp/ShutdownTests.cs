using Akka.Actor;

namespace Actors.Tests.Otp;

public sealed class ShutdownTests : OtpTestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private Task<IActorRef> StartOneAsync(Trap trap, Actors.Shutdown shutdown) =>
        StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a", trap).WithShutdown(shutdown)));

    [Fact]
    public async Task Brutal_kill_kills_the_child_at_once_even_if_it_traps_exits()
    {
        var sup = await StartOneAsync(Trap.Ignore, Actors.Shutdown.BrutalKill);
        ExpectStarted("a");

        await sup.TerminateChildAsync("a");

        // No exit signal reaches it: the next thing it reports is its death.
        ExpectExited("a", ExitReason.Killed);
    }

    [Fact]
    public async Task Timeout_shutdown_stops_a_child_that_does_not_trap_exits_with_reason_shutdown()
    {
        var sup = await StartOneAsync(Trap.None, Actors.Shutdown.After(Timeout));
        ExpectStarted("a");

        await sup.TerminateChildAsync("a");

        ExpectExited("a", ExitReason.Shutdown);
    }

    [Fact]
    public async Task Timeout_shutdown_lets_a_trapping_child_receive_the_signal_and_exit_cleanly()
    {
        var sup = await StartOneAsync(Trap.Cooperate, Actors.Shutdown.After(Timeout));
        ExpectStarted("a");

        await sup.TerminateChildAsync("a");

        Assert.Equal(sup, ExpectTrapped("a", ExitReason.Shutdown).Signal.From);
        ExpectExited("a", ExitReason.Shutdown);
    }

    [Fact]
    public async Task Timeout_shutdown_kills_a_child_that_ignores_the_signal_only_once_the_timeout_has_passed()
    {
        var sup = await StartOneAsync(Trap.Ignore, Actors.Shutdown.After(Timeout));
        ExpectStarted("a");

        var terminated = sup.TerminateChildAsync("a");

        ExpectTrapped("a", ExitReason.Shutdown);
        Probe.ExpectNoMsg(Briefly);
        Time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Probe.ExpectNoMsg(Briefly);
        Assert.False(terminated.IsCompleted);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        ExpectExited("a", ExitReason.Killed);
        await terminated;
    }

    [Fact]
    public async Task Default_worker_shutdown_waits_five_seconds_before_killing()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a", Trap.Ignore)));
        ExpectStarted("a");

        var terminated = sup.TerminateChildAsync("a");

        ExpectTrapped("a", ExitReason.Shutdown);
        Probe.ExpectNoMsg(Briefly);
        Time.Advance(TimeSpan.FromSeconds(4.9));
        Probe.ExpectNoMsg(Briefly);
        Time.Advance(TimeSpan.FromSeconds(0.1));
        ExpectExited("a", ExitReason.Killed);
        await terminated;
    }

    [Fact]
    public async Task Infinity_shutdown_waits_for_the_child_however_long_it_takes()
    {
        var sup = await StartOneAsync(Trap.Ignore, Actors.Shutdown.Infinity);
        var a = ExpectStarted("a")[0];

        var terminated = sup.TerminateChildAsync("a");

        ExpectTrapped("a", ExitReason.Shutdown);
        Time.Advance(TimeSpan.FromHours(1));
        Probe.ExpectNoMsg(Briefly);
        Assert.False(terminated.IsCompleted);
        a.Tell(new ExitWith(ExitReason.ShutdownWith("finally")));
        ExpectExited("a", ExitReason.ShutdownWith("finally"));
        await terminated;
    }

    [Fact]
    public async Task A_plain_akka_actor_child_is_stopped_by_terminate_child()
    {
        var probe = Probe.Ref;
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            ChildSpec.Worker("p", Props.Create(() => new PlainProcess("p", probe)))));
        ExpectStarted("p");

        await sup.TerminateChildAsync("p");

        Assert.Equal(new Stopped("p"), Probe.ExpectMsg<Stopped>());
        Assert.Null((await sup.WhichChildrenAsync())[0].Ref);
    }

    [Fact]
    public async Task Brutal_kill_of_a_plain_akka_actor_child_stops_it_and_leaves_no_exit_mark_behind()
    {
        var probe = Probe.Ref;
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            ChildSpec.Worker("p", Props.Create(() => new PlainProcess("p", probe))).WithShutdown(Actors.Shutdown.BrutalKill)));
        var p = ExpectStarted("p")[0];

        await sup.TerminateChildAsync("p");

        Assert.Equal(new Stopped("p"), Probe.ExpectMsg<Stopped>());
        Assert.Null(ExitMarks.For(Sys).Peek(p));
    }

    [Fact]
    public async Task Supervisor_waits_for_each_child_to_stop_before_stopping_the_next()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            Worker("a"), Worker("b"), Worker("slow", Trap.Ignore).WithShutdown(Actors.Shutdown.After(Timeout))));
        ExpectStarted("a", "b", "slow");

        ShutdownSupervisor();

        ExpectTrapped("slow", ExitReason.Shutdown);
        Probe.ExpectNoMsg(Briefly);
        Time.Advance(Timeout);
        ExpectExited("slow", ExitReason.Killed);
        ExpectExited("b", ExitReason.Shutdown);
        ExpectExited("a", ExitReason.Shutdown);
        ExpectDown(ExitReason.Shutdown);
    }

    [Fact]
    public async Task Children_are_stopped_with_their_own_shutdown_when_intensity_is_exceeded()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            Worker("brutal", Trap.Ignore).WithShutdown(Actors.Shutdown.BrutalKill),
            Worker("slow", Trap.Ignore).WithShutdown(Actors.Shutdown.After(Timeout)),
            Worker("a")).WithIntensity(0, TimeSpan.FromSeconds(5)));
        var first = ExpectStarted("brutal", "slow", "a");

        first[2].Tell(Crash.Instance);

        ExpectCrashed("a");
        ExpectTrapped("slow", ExitReason.Shutdown);
        Probe.ExpectNoMsg(Briefly);
        Time.Advance(Timeout);
        ExpectExited("slow", ExitReason.Killed);
        ExpectExited("brutal", ExitReason.Killed);
        ExpectDown(ExitReason.ShutdownWith("reached_max_restart_intensity"));
    }
}

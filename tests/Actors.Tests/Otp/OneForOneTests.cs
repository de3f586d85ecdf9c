using Akka.Actor;

namespace Actors.Tests.Otp;

public sealed class OneForOneTests : OtpTestKit
{
    [Fact]
    public async Task One_for_one_restarts_only_the_terminated_child()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Worker("b"), Worker("c")));
        var first = ExpectStarted("a", "b", "c");

        first[1].Tell(Crash.Instance);

        ExpectCrashed("b");
        var b = ExpectStarted("b")[0];
        Assert.NotEqual(first[1], b);
        Assert.Equal([first[0], b, first[2]], Refs(await sup.WhichChildrenAsync()));
    }

    [Fact]
    public async Task One_for_one_publishes_the_exit_and_the_restart_with_the_reason()
    {
        var events = SubscribeEvents();
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a")));
        var a = ExpectStarted("a")[0];

        a.Tell(new ExitWith(ExitReason.Error("bad_state")));

        ExpectExited("a", ExitReason.Error("bad_state"));
        var exit = ExpectEvent(events, "child.exit", "a");
        Assert.Equal("bad_state", exit.Fields["reason"]);
        var restart = ExpectEvent(events, "child.restart", "a");
        Assert.Equal("bad_state", restart.Fields["reason"]);
        Assert.Equal(nameof(RestartStrategy.OneForOne), restart.Fields["strategy"]);
        ExpectStarted("a");
    }

    [Fact]
    public async Task One_for_one_restarted_child_keeps_its_place_in_start_and_stop_order()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Worker("b"), Worker("c")));
        var first = ExpectStarted("a", "b", "c");
        first[0].Tell(Crash.Instance);
        ExpectCrashed("a");
        ExpectStarted("a");
        Assert.Equal(["a", "b", "c"], (await sup.WhichChildrenAsync()).Select(c => c.Id));

        ShutdownSupervisor();

        ExpectExited("c", ExitReason.Shutdown);
        ExpectExited("b", ExitReason.Shutdown);
        ExpectExited("a", ExitReason.Shutdown);
        ExpectDown(ExitReason.Shutdown);
    }

    [Fact]
    public async Task A_child_that_exits_while_the_supervisor_is_stopping_another_is_restarted_afterwards()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            Worker("slow", Trap.Ignore).WithShutdown(Actors.Shutdown.Infinity), Worker("b")));
        var first = ExpectStarted("slow", "b");
        var terminated = sup.TerminateChildAsync("slow");
        ExpectTrapped("slow", ExitReason.Shutdown);

        first[1].Tell(Crash.Instance);

        // OTP's supervisor is synchronous: b's exit waits in the mailbox until the shutdown is over.
        ExpectCrashed("b");
        Probe.ExpectNoMsg(Briefly);
        first[0].Tell(new ExitWith(ExitReason.Shutdown));
        ExpectExited("slow", ExitReason.Shutdown);
        await terminated;
        var b = ExpectStarted("b")[0];
        Assert.Equal([null, b], Refs(await sup.WhichChildrenAsync()));
    }
}

using Akka.Actor;

namespace Actors.Tests.Otp;

public sealed class LinkTests : OtpTestKit
{
    [Fact]
    public async Task Abnormal_exit_kills_a_linked_process_that_does_not_trap_exits_with_the_same_reason()
    {
        var a = Spawn("a");
        var b = Spawn("b");
        await Call(a, new LinkTo(b));

        b.Tell(new ExitWith(ExitReason.Error("bad_state")));

        ExpectExited("b", ExitReason.Error("bad_state"));
        ExpectExited("a", ExitReason.Error("bad_state"));
    }

    [Fact]
    public async Task A_link_works_in_both_directions()
    {
        var a = Spawn("a");
        var b = Spawn("b");
        await Call(a, new LinkTo(b));

        a.Tell(Crash.Instance);

        ExpectCrashed("a");
        ExpectCrashed("b");
    }

    [Fact]
    public async Task A_trapping_process_receives_the_exit_signal_as_a_message_and_keeps_running()
    {
        var a = Spawn("a", Trap.Ignore);
        var b = Spawn("b");
        await Call(a, new LinkTo(b));

        b.Tell(Crash.Instance);

        ExpectCrashed("b");
        var trapped = Probe.ExpectMsg<Trapped>();
        Assert.Equal(("a", b, ExitKind.Error), (trapped.Name, trapped.Signal.From, trapped.Signal.Reason.Kind));
        await AssertAliveAsync(a, "a");
    }

    [Fact]
    public async Task A_normal_exit_does_not_kill_a_linked_process_that_does_not_trap_exits()
    {
        var a = Spawn("a");
        var b = Spawn("b");
        await Call(a, new LinkTo(b));

        b.Tell(new ExitWith(ExitReason.Normal));

        ExpectExited("b", ExitReason.Normal);
        Probe.ExpectNoMsg(Briefly);
        await AssertAliveAsync(a, "a");
    }

    [Fact]
    public async Task A_normal_exit_reaches_a_trapping_linked_process_as_a_message()
    {
        var a = Spawn("a", Trap.Ignore);
        var b = Spawn("b");
        await Call(a, new LinkTo(b));

        b.Tell(new ExitWith(ExitReason.Normal));

        ExpectExited("b", ExitReason.Normal);
        Assert.Equal(b, ExpectTrapped("a", ExitReason.Normal).Signal.From);
    }

    [Fact]
    public async Task A_shutdown_exit_kills_a_linked_process_because_only_normal_is_ignored()
    {
        var a = Spawn("a");
        var b = Spawn("b");
        await Call(a, new LinkTo(b));

        b.Tell(new ExitWith(ExitReason.Shutdown));

        ExpectExited("b", ExitReason.Shutdown);
        ExpectExited("a", ExitReason.Shutdown);
    }

    [Fact]
    public void The_kill_signal_cannot_be_trapped_and_the_process_exits_with_killed()
    {
        var a = Spawn("a", Trap.Ignore);

        a.Tell(new ExitSignal(TestActor, ExitReason.Kill));

        ExpectExited("a", ExitReason.Killed);
    }

    [Fact]
    public async Task Links_of_a_killed_process_receive_killed_which_can_be_trapped()
    {
        var a = Spawn("a");
        var c = Spawn("c", Trap.Ignore);
        await Call(c, new LinkTo(a));

        a.Tell(new ExitSignal(TestActor, ExitReason.Kill));

        ExpectExited("a", ExitReason.Killed);
        ExpectTrapped("c", ExitReason.Killed);
        await AssertAliveAsync(c, "c");
    }

    [Fact]
    public async Task An_exit_signal_with_reason_normal_from_an_unlinked_sender_is_ignored_unless_trapped()
    {
        var a = Spawn("a");
        var c = Spawn("c", Trap.Ignore);

        a.Tell(new ExitSignal(TestActor, ExitReason.Normal));
        c.Tell(new ExitSignal(TestActor, ExitReason.Normal));

        ExpectTrapped("c", ExitReason.Normal);
        await AssertAliveAsync(a, "a");
        await AssertAliveAsync(c, "c");
    }

    [Fact]
    public async Task Unlink_removes_the_link_on_both_sides()
    {
        var a = Spawn("a");
        var b = Spawn("b");
        var c = Spawn("c");
        await Call(a, new LinkTo(b));
        await Call(a, new LinkTo(c));
        await Call(a, new UnlinkFrom(b));
        await Call(c, new UnlinkFrom(a));

        b.Tell(Crash.Instance);
        ExpectCrashed("b");
        Probe.ExpectNoMsg(Briefly);
        a.Tell(Crash.Instance);

        ExpectCrashed("a");
        Probe.ExpectNoMsg(Briefly);
        await AssertAliveAsync(c, "c");
    }

    [Fact]
    public async Task Linking_to_a_dead_process_gives_a_trapping_process_noproc()
    {
        var dead = Spawn("dead");
        Watch(dead);
        dead.Tell(new ExitWith(ExitReason.Normal));
        ExpectExited("dead", ExitReason.Normal);
        ExpectTerminated(dead);
        var a = Spawn("a", Trap.Ignore);

        await Call(a, new LinkTo(dead));

        Assert.Equal(dead, ExpectTrapped("a", ExitReason.NoProc).Signal.From);
    }

    [Fact]
    public async Task Linking_to_a_dead_process_kills_a_process_that_does_not_trap_exits_with_noproc()
    {
        var dead = Spawn("dead");
        Watch(dead);
        dead.Tell(new ExitWith(ExitReason.Normal));
        ExpectExited("dead", ExitReason.Normal);
        ExpectTerminated(dead);
        var a = Spawn("a");

        await Call(a, new LinkTo(dead));

        ExpectExited("a", ExitReason.NoProc);
    }

    [Fact]
    public async Task The_kill_signal_cannot_be_trapped_by_a_supervisor_and_its_children_die_with_killed()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Worker("b", Trap.Cooperate)));
        ExpectStarted("a", "b");

        sup.Tell(new ExitSignal(TestActor, ExitReason.Kill));

        // No orderly shutdown: the children go with their supervisor, as linked processes do in Erlang.
        var exits = new[] { Probe.ExpectMsg<Exited>(), Probe.ExpectMsg<Exited>() };
        Assert.Equal([("a", ExitReason.Killed), ("b", ExitReason.Killed)], exits.Select(e => (e.Name, e.Reason)).OrderBy(e => e.Name));
        ExpectDown(ExitReason.Killed);
    }
}

using Akka.Actor;

namespace Actors.Tests.Otp;

public sealed class OneForAllTests : OtpTestKit
{
    [Fact]
    public async Task One_for_all_stops_the_others_in_reverse_start_order_then_restarts_all_in_start_order()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForAll, Worker("a"), Worker("b"), Worker("c"), Worker("d")));
        var first = ExpectStarted("a", "b", "c", "d");

        first[1].Tell(Crash.Instance);

        ExpectCrashed("b");
        ExpectExited("d", ExitReason.Shutdown);
        ExpectExited("c", ExitReason.Shutdown);
        ExpectExited("a", ExitReason.Shutdown);
        var again = ExpectStarted("a", "b", "c", "d");
        Assert.Equal(again, Refs(await sup.WhichChildrenAsync()));
    }

    [Fact]
    public async Task One_for_all_does_not_restart_a_temporary_sibling_and_forgets_its_spec()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForAll,
            Worker("a"), Worker("t").WithRestart(RestartType.Temporary), Worker("c")));
        var first = ExpectStarted("a", "t", "c");

        first[2].Tell(Crash.Instance);

        ExpectCrashed("c");
        ExpectExited("t", ExitReason.Shutdown);
        ExpectExited("a", ExitReason.Shutdown);
        ExpectStarted("a", "c");
        Assert.Equal(["a", "c"], (await sup.WhichChildrenAsync()).Select(c => c.Id));
    }

    [Fact]
    public async Task One_for_all_restarts_transient_siblings_even_though_they_stopped_with_shutdown()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForAll, Worker("a"), Worker("tr").WithRestart(RestartType.Transient)));
        var first = ExpectStarted("a", "tr");

        first[0].Tell(Crash.Instance);

        ExpectCrashed("a");
        ExpectExited("tr", ExitReason.Shutdown);
        ExpectStarted("a", "tr");
    }

    [Fact]
    public async Task One_for_all_leaves_siblings_running_when_a_temporary_child_exits()
    {
        var events = SubscribeEvents();
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForAll, Worker("a"), Worker("t").WithRestart(RestartType.Temporary)));
        var first = ExpectStarted("a", "t");

        first[1].Tell(Crash.Instance);

        ExpectCrashed("t");
        ExpectEvent(events, "child.exit", "t");
        var children = await sup.WhichChildrenAsync();
        Assert.Equal([("a", (IActorRef?)first[0])], children.Select(c => (c.Id, c.Ref)));
    }

    [Fact]
    public async Task One_for_all_restart_of_every_child_counts_as_one_restart()
    {
        var events = SubscribeEvents();
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForAll, Worker("a"), Worker("b"), Worker("c")).WithIntensity(1, TimeSpan.FromSeconds(5)));
        var first = ExpectStarted("a", "b", "c");

        first[0].Tell(Crash.Instance);

        ExpectCrashed("a");
        ExpectExited("c", ExitReason.Shutdown);
        ExpectExited("b", ExitReason.Shutdown);
        var again = ExpectStarted("a", "b", "c");
        Assert.Equal(again, Refs(await sup.WhichChildrenAsync()));
        Assert.Equal("a", ExpectEvent(events, "child.restart").Fields["child"]);
        var later = events.ReceiveWhile(Briefly, o => o as RuntimeEvent);
        Assert.DoesNotContain(later, e => e!.Event == "child.restart");
    }

    [Fact]
    public async Task A_sibling_that_dies_while_being_stopped_for_a_restart_causes_no_second_restart()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForAll,
            Worker("a"), Worker("slow", Trap.Ignore).WithShutdown(Actors.Shutdown.After(TimeSpan.FromSeconds(1))), Worker("c")));
        var first = ExpectStarted("a", "slow", "c");
        first[2].Tell(Crash.Instance);
        ExpectCrashed("c");
        ExpectTrapped("slow", ExitReason.Shutdown);

        first[0].Tell(Crash.Instance);

        ExpectCrashed("a");
        Probe.ExpectNoMsg(Briefly);
        Time.Advance(TimeSpan.FromSeconds(1));
        ExpectExited("slow", ExitReason.Killed);
        var again = ExpectStarted("a", "slow", "c");

        // With intensity 1, a second restart for a's death would have made the supervisor give up.
        Assert.Equal(again, Refs(await sup.WhichChildrenAsync()));
        Probe.ExpectNoMsg(Briefly);
    }

    [Fact]
    public async Task One_for_all_restart_also_starts_a_child_that_was_stopped_with_terminate_child()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForAll, Worker("a"), Worker("b")));
        var first = ExpectStarted("a", "b");
        await sup.TerminateChildAsync("a");
        ExpectExited("a", ExitReason.Shutdown);

        first[1].Tell(Crash.Instance);

        // OTP's one_for_all restarts every child whose spec it keeps, running or not.
        ExpectCrashed("b");
        var again = ExpectStarted("a", "b");
        Assert.Equal(again, Refs(await sup.WhichChildrenAsync()));
    }
}

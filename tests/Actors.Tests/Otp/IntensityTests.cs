using Akka.Actor;

namespace Actors.Tests.Otp;

public sealed class IntensityTests : OtpTestKit
{
    private static readonly ExitReason MaxIntensity = ExitReason.ShutdownWith("reached_max_restart_intensity");

    [Fact]
    public async Task Default_intensity_allows_one_restart_in_five_seconds_and_escalates_on_the_second()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a")));
        var a = ExpectStarted("a")[0];
        a.Tell(Crash.Instance);
        ExpectCrashed("a");
        a = ExpectStarted("a")[0];
        Time.Advance(TimeSpan.FromSeconds(4));

        a.Tell(Crash.Instance);

        ExpectCrashed("a");
        ExpectDown(MaxIntensity);
    }

    [Fact]
    public async Task Noconnection_exits_count_toward_intensity_unless_the_spec_says_not_and_a_crash_still_does()
    {
        var lost = ExitReason.NoConnectionWith("host h1 lost");
        var events = SubscribeEvents();
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a")) with { CountNoConnection = false });
        var a = ExpectStarted("a")[0];
        for (var i = 0; i < 3; i++)
        {
            a.Tell(new ExitWith(lost));
            ExpectExited("a", lost);
            a = ExpectStarted("a")[0];
        }

        var uncounted = ExpectEvent(events, "child.restart");
        a.Tell(Crash.Instance);
        ExpectCrashed("a");
        a = ExpectStarted("a")[0];
        a.Tell(Crash.Instance);

        ExpectCrashed("a");
        ExpectDown(MaxIntensity);
        Assert.Equal(("{noconnection,host h1 lost}", "False"), (uncounted.Fields["reason"], uncounted.Fields["counted"]));
    }

    [Fact]
    public async Task Noconnection_exits_count_toward_intensity_by_default_as_in_otp()
    {
        var lost = ExitReason.NoConnectionWith("host h1 lost");
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a")));
        var a = ExpectStarted("a")[0];
        a.Tell(new ExitWith(lost));
        ExpectExited("a", lost);
        a = ExpectStarted("a")[0];

        a.Tell(new ExitWith(lost));

        ExpectExited("a", lost);
        ExpectDown(MaxIntensity);
    }

    [Fact]
    public async Task A_restart_is_allowed_again_once_the_period_has_passed()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a")));
        var a = ExpectStarted("a")[0];
        a.Tell(Crash.Instance);
        ExpectCrashed("a");
        a = ExpectStarted("a")[0];
        Time.Advance(TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(1));

        a.Tell(Crash.Instance);

        ExpectCrashed("a");
        var again = ExpectStarted("a")[0];
        Assert.Equal([again], Refs(await sup.WhichChildrenAsync()));
    }

    [Fact]
    public async Task A_restart_exactly_one_period_after_the_last_still_counts()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a")));
        var a = ExpectStarted("a")[0];
        a.Tell(Crash.Instance);
        ExpectCrashed("a");
        a = ExpectStarted("a")[0];
        Time.Advance(TimeSpan.FromSeconds(5));

        a.Tell(Crash.Instance);

        ExpectCrashed("a");
        ExpectDown(MaxIntensity);
    }

    [Fact]
    public async Task Intensity_exceeded_terminates_children_in_reverse_start_order_and_escalates()
    {
        var events = SubscribeEvents();
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Worker("b"), Worker("c"), Worker("d")));
        var first = ExpectStarted("a", "b", "c", "d");
        first[2].Tell(Crash.Instance);
        ExpectCrashed("c");
        var c = ExpectStarted("c")[0];

        c.Tell(Crash.Instance);

        ExpectCrashed("c");
        ExpectExited("d", ExitReason.Shutdown);
        ExpectExited("b", ExitReason.Shutdown);
        ExpectExited("a", ExitReason.Shutdown);
        ExpectDown(MaxIntensity);
        Assert.Equal(MaxIntensity.ToString(), ExpectEvent(events, "supervisor.escalate").Fields["reason"]);
    }

    [Fact]
    public async Task Intensity_zero_escalates_on_the_first_restart()
    {
        var events = SubscribeEvents();
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Worker("b")).WithIntensity(0, TimeSpan.FromSeconds(5)));
        var first = ExpectStarted("a", "b");

        first[1].Tell(Crash.Instance);

        ExpectCrashed("b");
        ExpectExited("a", ExitReason.Shutdown);
        ExpectDown(MaxIntensity);
        ExpectEvent(events, "supervisor.escalate");
    }

    [Fact]
    public async Task Restarts_of_different_children_count_together()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a"), Worker("b")));
        var first = ExpectStarted("a", "b");
        first[0].Tell(Crash.Instance);
        ExpectCrashed("a");
        ExpectStarted("a");

        first[1].Tell(Crash.Instance);

        ExpectCrashed("b");
        ExpectExited("a", ExitReason.Shutdown);
        ExpectDown(MaxIntensity);
    }

    [Fact]
    public async Task Intensity_three_allows_three_restarts_in_the_period_and_escalates_on_the_fourth()
    {
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a")).WithIntensity(3, TimeSpan.FromSeconds(10)));
        var a = ExpectStarted("a")[0];
        for (var i = 0; i < 3; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(3));
            a.Tell(Crash.Instance);
            ExpectCrashed("a");
            a = ExpectStarted("a")[0];
        }

        a.Tell(Crash.Instance);

        ExpectCrashed("a");
        ExpectDown(MaxIntensity);
    }

    [Fact]
    public async Task Exits_that_cause_no_restart_do_not_count_against_intensity()
    {
        var events = SubscribeEvents();
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            Worker("a"), Worker("tr").WithRestart(RestartType.Transient), Worker("t").WithRestart(RestartType.Temporary)));
        var first = ExpectStarted("a", "tr", "t");
        first[1].Tell(new ExitWith(ExitReason.Normal));
        ExpectExited("tr", ExitReason.Normal);
        ExpectEvent(events, "child.exit", "tr");
        await sup.RestartChildAsync("tr");
        var tr = ExpectStarted("tr")[0];
        tr.Tell(new ExitWith(ExitReason.Shutdown));
        ExpectExited("tr", ExitReason.Shutdown);
        first[2].Tell(Crash.Instance);
        ExpectCrashed("t");

        first[0].Tell(Crash.Instance);

        ExpectCrashed("a");
        var a = ExpectStarted("a")[0];
        Assert.Equal(a, (await sup.WhichChildrenAsync())[0].Ref);
    }

    [Fact]
    public async Task A_child_that_fails_to_restart_is_retried_and_every_try_counts()
    {
        var events = SubscribeEvents();
        var attempts = 0;
        var ok = Proc("a");
        var failing = Props.Create<FailingProcess>();
        var spec = new ChildSpec("a", _ => ++attempts == 2 ? failing : ok);
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, spec).WithIntensity(2, TimeSpan.FromSeconds(5)));
        var a = ExpectStarted("a")[0];

        a.Tell(Crash.Instance);

        ExpectCrashed("a");
        ExpectEvent(events, "child.restart", "a");
        var retry = ExpectEvent(events, "child.restart", "a");
        Assert.Contains("cannot start", retry.Fields["reason"]);
        a = ExpectStarted("a")[0];
        Assert.Equal(3, attempts);
        Assert.Equal([a], Refs(await sup.WhichChildrenAsync()));
    }

    [Fact]
    public async Task A_child_that_fails_to_restart_escalates_when_the_retry_exceeds_intensity()
    {
        var attempts = 0;
        var ok = Proc("a");
        var failing = Props.Create<FailingProcess>();
        await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, new ChildSpec("a", _ => ++attempts == 1 ? ok : failing)));
        var a = ExpectStarted("a")[0];

        a.Tell(Crash.Instance);

        ExpectCrashed("a");
        ExpectDown(MaxIntensity);
        Assert.Equal(2, attempts);
    }
}

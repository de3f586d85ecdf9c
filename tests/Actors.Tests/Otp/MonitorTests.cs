using Akka.Actor;

namespace Actors.Tests.Otp;

public sealed class MonitorTests : OtpTestKit
{
    private async Task<IActorRef> MonitoredAsync(IActorRef watcher, string name)
    {
        var target = Spawn(name);
        await Call(watcher, new MonitorTarget(target));
        return target;
    }

    [Fact]
    public async Task A_monitor_receives_down_with_the_exit_reason()
    {
        var w = Spawn("w");
        var b = await MonitoredAsync(w, "b");

        b.Tell(new ExitWith(ExitReason.ShutdownWith("done")));

        ExpectExited("b", ExitReason.ShutdownWith("done"));
        Assert.Equal(new Down(b, ExitReason.ShutdownWith("done")), Probe.ExpectMsg<Down>());
    }

    [Fact]
    public async Task A_monitor_receives_down_with_the_crash_reason()
    {
        var w = Spawn("w");
        var b = await MonitoredAsync(w, "b");

        b.Tell(Crash.Instance);

        ExpectCrashed("b");
        var down = Probe.ExpectMsg<Down>();
        Assert.Equal((b, ExitKind.Error, "InvalidOperationException: boom"), (down.Actor, down.Reason.Kind, down.Reason.Detail));
    }

    [Fact]
    public async Task A_monitor_receives_down_for_a_normal_exit_too()
    {
        var w = Spawn("w");
        var b = await MonitoredAsync(w, "b");

        b.Tell(new ExitWith(ExitReason.Normal));

        ExpectExited("b", ExitReason.Normal);
        Assert.Equal(new Down(b, ExitReason.Normal), Probe.ExpectMsg<Down>());
        await AssertAliveAsync(w, "w");
    }

    [Fact]
    public async Task Monitoring_a_process_that_no_longer_exists_gives_down_with_noproc()
    {
        var w = Spawn("w");
        var dead = Spawn("dead");
        Watch(dead);
        dead.Tell(new ExitWith(ExitReason.Normal));
        ExpectExited("dead", ExitReason.Normal);
        ExpectTerminated(dead);

        await Call(w, new MonitorTarget(dead));

        Assert.Equal(new Down(dead, ExitReason.NoProc), Probe.ExpectMsg<Down>());
    }

    [Fact]
    public async Task Demonitor_means_no_down_arrives()
    {
        var w = Spawn("w");
        var b = await MonitoredAsync(w, "b");

        await Call(w, new DemonitorTarget(b));
        b.Tell(Crash.Instance);

        ExpectCrashed("b");
        Probe.ExpectNoMsg(Briefly);
    }

    [Fact]
    public async Task A_monitor_is_one_way_so_the_monitor_dying_leaves_the_target_alone()
    {
        var w = Spawn("w");
        var b = await MonitoredAsync(w, "b");

        w.Tell(Crash.Instance);

        ExpectCrashed("w");
        Probe.ExpectNoMsg(Briefly);
        await AssertAliveAsync(b, "b");
    }

    [Fact]
    public async Task A_monitor_does_not_propagate_exits_like_a_link()
    {
        var w = Spawn("w");
        var b = await MonitoredAsync(w, "b");

        b.Tell(new ExitWith(ExitReason.Killed));

        ExpectExited("b", ExitReason.Killed);
        Assert.Equal(new Down(b, ExitReason.Killed), Probe.ExpectMsg<Down>());
        await AssertAliveAsync(w, "w");
    }

    [Fact]
    public async Task Every_monitor_gets_its_own_down()
    {
        var w1 = Spawn("w1");
        var w2 = Spawn("w2");
        var b = await MonitoredAsync(w1, "b");
        await Call(w2, new MonitorTarget(b));

        b.Tell(new ExitWith(ExitReason.Error("bad_state")));

        ExpectExited("b", ExitReason.Error("bad_state"));
        Assert.Equal(new Down(b, ExitReason.Error("bad_state")), Probe.ExpectMsg<Down>());
        Assert.Equal(new Down(b, ExitReason.Error("bad_state")), Probe.ExpectMsg<Down>());
    }
}

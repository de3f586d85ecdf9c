using Akka.Actor;

namespace Actors.Tests.Otp;

public sealed class RestartTypeTests : OtpTestKit
{
    private Task<IActorRef> StartOneAsync(RestartType restart) =>
        StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a").WithRestart(restart)));

    [Theory]
    [InlineData("normal")]
    [InlineData("shutdown")]
    [InlineData("{shutdown,done}")]
    [InlineData("error")]
    [InlineData("crash")]
    [InlineData("kill")]
    public async Task Permanent_child_is_restarted_after_any_exit(string how)
    {
        var sup = await StartOneAsync(RestartType.Permanent);
        var a = ExpectStarted("a")[0];

        MakeExit(a, how);

        ExpectExitedAs("a", how);
        var again = ExpectStarted("a")[0];
        Assert.Equal([again], Refs(await sup.WhichChildrenAsync()));
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("shutdown")]
    [InlineData("{shutdown,done}")]
    public async Task Transient_child_is_not_restarted_after_a_normal_exit(string how)
    {
        var events = SubscribeEvents();
        var sup = await StartOneAsync(RestartType.Transient);
        var a = ExpectStarted("a")[0];

        MakeExit(a, how);

        ExpectExitedAs("a", how);
        ExpectEvent(events, "child.exit", "a");
        Assert.Equal([("a", (IActorRef?)null)], (await sup.WhichChildrenAsync()).Select(c => (c.Id, c.Ref)));
        Probe.ExpectNoMsg(Briefly);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("crash")]
    [InlineData("kill")]
    public async Task Transient_child_is_restarted_after_an_abnormal_exit(string how)
    {
        var sup = await StartOneAsync(RestartType.Transient);
        var a = ExpectStarted("a")[0];

        MakeExit(a, how);

        ExpectExitedAs("a", how);
        var again = ExpectStarted("a")[0];
        Assert.Equal([again], Refs(await sup.WhichChildrenAsync()));
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("shutdown")]
    [InlineData("{shutdown,done}")]
    [InlineData("error")]
    [InlineData("crash")]
    [InlineData("kill")]
    public async Task Temporary_child_is_never_restarted_and_its_spec_is_removed(string how)
    {
        var events = SubscribeEvents();
        var sup = await StartOneAsync(RestartType.Temporary);
        var a = ExpectStarted("a")[0];

        MakeExit(a, how);

        ExpectExitedAs("a", how);
        ExpectEvent(events, "child.exit", "a");
        Assert.Empty(await sup.WhichChildrenAsync());
        Probe.ExpectNoMsg(Briefly);
    }

    [Fact]
    public async Task Transient_child_that_exited_normally_keeps_its_spec_and_can_be_restarted_with_restart_child()
    {
        var events = SubscribeEvents();
        var sup = await StartOneAsync(RestartType.Transient);
        var a = ExpectStarted("a")[0];
        a.Tell(new ExitWith(ExitReason.Normal));
        ExpectExited("a", ExitReason.Normal);
        ExpectEvent(events, "child.exit", "a");

        var restarted = await sup.RestartChildAsync("a");

        Assert.Equal(restarted.Ref, ExpectStarted("a")[0]);
    }
}

using Akka.Actor;

namespace Actors.Tests.Otp;

public sealed class RestForOneTests : OtpTestKit
{
    private SupervisorSpec Spec(params ChildSpec[] children) => new(RestartStrategy.RestForOne, children);

    [Fact]
    public async Task Rest_for_one_stops_the_later_children_in_reverse_order_and_restarts_them_in_start_order()
    {
        var sup = await StartAsync(Spec(Worker("a"), Worker("b"), Worker("c"), Worker("d")));
        var first = ExpectStarted("a", "b", "c", "d");

        first[1].Tell(Crash.Instance);

        ExpectCrashed("b");
        ExpectExited("d", ExitReason.Shutdown);
        ExpectExited("c", ExitReason.Shutdown);
        var again = ExpectStarted("b", "c", "d");
        Assert.Equal([first[0], .. again], Refs(await sup.WhichChildrenAsync()));
    }

    [Fact]
    public async Task Rest_for_one_restarts_only_the_last_child_when_it_fails()
    {
        var sup = await StartAsync(Spec(Worker("a"), Worker("b"), Worker("c")));
        var first = ExpectStarted("a", "b", "c");

        first[2].Tell(Crash.Instance);

        ExpectCrashed("c");
        var c = ExpectStarted("c")[0];
        Assert.Equal([first[0], first[1], c], Refs(await sup.WhichChildrenAsync()));
    }

    [Fact]
    public async Task Rest_for_one_restarts_every_child_when_the_first_fails()
    {
        await StartAsync(Spec(Worker("a"), Worker("b"), Worker("c")));
        var first = ExpectStarted("a", "b", "c");

        first[0].Tell(new ExitWith(ExitReason.Error("bad_state")));

        ExpectExited("a", ExitReason.Error("bad_state"));
        ExpectExited("c", ExitReason.Shutdown);
        ExpectExited("b", ExitReason.Shutdown);
        ExpectStarted("a", "b", "c");
    }

    [Fact]
    public async Task Rest_for_one_does_not_restart_a_temporary_child_started_after_the_failed_one()
    {
        var sup = await StartAsync(Spec(Worker("a"), Worker("b"), Worker("t").WithRestart(RestartType.Temporary), Worker("d")));
        var first = ExpectStarted("a", "b", "t", "d");

        first[1].Tell(Crash.Instance);

        ExpectCrashed("b");
        ExpectExited("d", ExitReason.Shutdown);
        ExpectExited("t", ExitReason.Shutdown);
        ExpectStarted("b", "d");
        Assert.Equal(["a", "b", "d"], (await sup.WhichChildrenAsync()).Select(c => c.Id));
    }

    [Fact]
    public async Task Rest_for_one_treats_dynamically_started_children_as_started_last()
    {
        var sup = await StartAsync(Spec(Worker("a"), Worker("b")));
        var first = ExpectStarted("a", "b");
        await sup.StartChildAsync(Worker("e"));
        ExpectStarted("e");

        first[1].Tell(Crash.Instance);

        ExpectCrashed("b");
        ExpectExited("e", ExitReason.Shutdown);
        ExpectStarted("b", "e");
        Assert.Equal(first[0], (await sup.WhichChildrenAsync())[0].Ref);
    }
}

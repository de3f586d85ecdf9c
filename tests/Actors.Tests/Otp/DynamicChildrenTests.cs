using Akka.Actor;
using static Actors.SupervisorCommands;

namespace Actors.Tests.Otp;

public sealed class DynamicChildrenTests : OtpTestKit
{
    private Task<IActorRef> StartWithAAsync() => StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a")));

    private static async Task<string> ErrorOf(Func<Task> call) => (await Assert.ThrowsAsync<SupervisorException>(call)).Error;

    [Fact]
    public async Task Start_child_adds_and_starts_a_child_after_the_static_ones()
    {
        var sup = await StartWithAAsync();
        ExpectStarted("a");

        var started = await sup.StartChildAsync(Worker("x"));

        Assert.Equal(new ChildStarted("x", ExpectStarted("x")[0]), started);
        Assert.Equal(["a", "x"], (await sup.WhichChildrenAsync()).Select(c => c.Id));
    }

    [Fact]
    public async Task Start_child_with_the_id_of_a_running_child_fails_with_already_started()
    {
        var sup = await StartWithAAsync();
        ExpectStarted("a");

        Assert.Equal("already_started", await ErrorOf(() => sup.StartChildAsync(Worker("a"))));
        Probe.ExpectNoMsg(Briefly);
    }

    [Fact]
    public async Task Start_child_with_the_id_of_a_terminated_child_fails_with_already_present()
    {
        var sup = await StartWithAAsync();
        ExpectStarted("a");
        await sup.TerminateChildAsync("a");
        ExpectExited("a", ExitReason.Shutdown);

        Assert.Equal("already_present", await ErrorOf(() => sup.StartChildAsync(Worker("a"))));
    }

    [Fact]
    public async Task Start_child_that_fails_to_start_returns_the_error_and_keeps_no_spec()
    {
        var sup = await StartWithAAsync();
        ExpectStarted("a");

        var error = await Assert.ThrowsAsync<SupervisorException>(() => sup.StartChildAsync(ChildSpec.Worker("bad", Props.Create<FailingProcess>())));

        Assert.Equal("start_failed", error.Error);
        Assert.Contains("cannot start", error.Message);
        Assert.Equal(["a"], (await sup.WhichChildrenAsync()).Select(c => c.Id));
    }

    [Fact]
    public async Task Dynamically_started_child_is_supervised_like_a_static_one()
    {
        var sup = await StartWithAAsync();
        ExpectStarted("a");
        var x = (await sup.StartChildAsync(Worker("x"))).Ref;
        ExpectStarted("x");

        x.Tell(Crash.Instance);

        ExpectCrashed("x");
        var again = ExpectStarted("x")[0];
        Assert.Equal(again, (await sup.WhichChildrenAsync())[1].Ref);
    }

    [Fact]
    public async Task Terminate_child_stops_the_child_keeps_its_spec_and_does_not_restart_it()
    {
        var sup = await StartWithAAsync();
        ExpectStarted("a");

        Assert.Equal(new ChildTerminated("a"), await sup.TerminateChildAsync("a"));

        ExpectExited("a", ExitReason.Shutdown);
        Assert.Equal([new ChildInfo("a", null, ChildType.Worker)], await sup.WhichChildrenAsync());
        Probe.ExpectNoMsg(Briefly);
    }

    [Fact]
    public async Task Terminate_child_removes_the_spec_of_a_temporary_child()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("t").WithRestart(RestartType.Temporary)));
        ExpectStarted("t");

        await sup.TerminateChildAsync("t");

        ExpectExited("t", ExitReason.Shutdown);
        Assert.Empty(await sup.WhichChildrenAsync());
        Assert.Equal("not_found", await ErrorOf(() => sup.RestartChildAsync("t")));
    }

    [Fact]
    public async Task Terminate_child_with_an_unknown_id_fails_with_not_found()
    {
        var sup = await StartWithAAsync();

        Assert.Equal("not_found", await ErrorOf(() => sup.TerminateChildAsync("nope")));
    }

    [Fact]
    public async Task Restart_child_starts_a_terminated_child_again()
    {
        var sup = await StartWithAAsync();
        ExpectStarted("a");
        await sup.TerminateChildAsync("a");
        ExpectExited("a", ExitReason.Shutdown);

        var restarted = await sup.RestartChildAsync("a");

        Assert.Equal(restarted.Ref, ExpectStarted("a")[0]);
        Assert.Equal([restarted.Ref], Refs(await sup.WhichChildrenAsync()));
    }

    [Fact]
    public async Task Restart_child_of_a_running_child_fails_with_running()
    {
        var sup = await StartWithAAsync();
        var a = ExpectStarted("a")[0];

        Assert.Equal("running", await ErrorOf(() => sup.RestartChildAsync("a")));
        Assert.Equal([a], Refs(await sup.WhichChildrenAsync()));
    }

    [Fact]
    public async Task Restart_child_with_an_unknown_id_fails_with_not_found()
    {
        var sup = await StartWithAAsync();

        Assert.Equal("not_found", await ErrorOf(() => sup.RestartChildAsync("nope")));
    }

    [Fact]
    public async Task Delete_child_removes_the_spec_of_a_terminated_child()
    {
        var sup = await StartWithAAsync();
        ExpectStarted("a");
        await sup.TerminateChildAsync("a");

        Assert.Equal(new ChildDeleted("a"), await sup.DeleteChildAsync("a"));

        Assert.Empty(await sup.WhichChildrenAsync());
        Assert.Equal("not_found", await ErrorOf(() => sup.RestartChildAsync("a")));
        await sup.StartChildAsync(Worker("a"));
    }

    [Fact]
    public async Task Delete_child_of_a_running_child_fails_with_running()
    {
        var sup = await StartWithAAsync();
        ExpectStarted("a");

        Assert.Equal("running", await ErrorOf(() => sup.DeleteChildAsync("a")));
    }

    [Fact]
    public async Task Delete_child_with_an_unknown_id_fails_with_not_found()
    {
        var sup = await StartWithAAsync();

        Assert.Equal("not_found", await ErrorOf(() => sup.DeleteChildAsync("nope")));
    }

    [Fact]
    public async Task Which_children_reports_id_process_and_type_in_start_order()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            Worker("a"), ChildSpec.Supervisor("inner", new SupervisorSpec(RestartStrategy.OneForOne, Worker("x")))));
        var a = ExpectStarted("a", "x")[0];

        var children = await sup.WhichChildrenAsync();

        Assert.Equal([("a", ChildType.Worker), ("inner", ChildType.Supervisor)], children.Select(c => (c.Id, c.Type)));
        Assert.Equal(a, children[0].Ref);
        Assert.Equal("inner", children[1].Ref!.Path.Name);
    }

    [Fact]
    public async Task Count_children_counts_specs_active_processes_supervisors_and_workers()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne,
            Worker("a"), Worker("b"), ChildSpec.Supervisor("inner", new SupervisorSpec(RestartStrategy.OneForOne, Worker("x")))));
        ExpectStarted("a", "b", "x");
        Assert.Equal(new ChildCounts(3, 3, 1, 2), await sup.CountChildrenAsync());

        await sup.TerminateChildAsync("b");

        // OTP counts supervisors and workers whether or not they are running; only active drops.
        Assert.Equal(new ChildCounts(3, 2, 1, 2), await sup.CountChildrenAsync());
    }

    [Fact]
    public async Task Start_instance_on_a_supervisor_that_is_not_simple_one_for_one_is_refused()
    {
        var sup = await StartWithAAsync();

        Assert.Equal("not_simple_one_for_one", await ErrorOf(() => sup.StartInstanceAsync("x")));
    }

    [Fact]
    public async Task Restart_child_does_not_count_against_restart_intensity()
    {
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, Worker("a")).WithIntensity(0, TimeSpan.FromSeconds(5)));
        ExpectStarted("a");

        for (var i = 0; i < 3; i++)
        {
            await sup.TerminateChildAsync("a");
            ExpectExited("a", ExitReason.Shutdown);
            await sup.RestartChildAsync("a");
            ExpectStarted("a");
        }

        Assert.Equal(new ChildCounts(1, 1, 0, 1), await sup.CountChildrenAsync());
    }

    [Fact]
    public async Task Restart_child_that_fails_to_start_returns_the_error_and_keeps_the_spec()
    {
        var attempts = 0;
        var ok = Proc("a");
        var failing = Props.Create<FailingProcess>();
        var sup = await StartAsync(new SupervisorSpec(RestartStrategy.OneForOne, new ChildSpec("a", _ => ++attempts == 1 ? ok : failing)));
        ExpectStarted("a");
        await sup.TerminateChildAsync("a");

        var error = await Assert.ThrowsAsync<SupervisorException>(() => sup.RestartChildAsync("a"));

        Assert.Contains("cannot start", error.Message);
        Assert.Equal([new ChildInfo("a", null, ChildType.Worker)], await sup.WhichChildrenAsync());
    }
}

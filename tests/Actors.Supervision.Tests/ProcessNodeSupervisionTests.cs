using System.Diagnostics;
using Actors.Hypervisor;
using Akka.Actor;
using Hello;
using Xunit.Abstractions;

namespace Actors.Supervision.Tests;

public sealed class ProcessNodeSupervisionTests(ITestOutputHelper output)
{
    private static readonly string HelloProgram = Path.Combine(AppContext.BaseDirectory, "Hello.dll");

    [Fact]
    public async Task A_sigkilled_process_node_is_restarted_from_the_driver_event_and_its_replacement_answers()
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(1) };
        await using var control = await ControlNode.StartAsync([greeter], [new HostSpec("local", "process://", 4096, 8)],
            new NodeLaunch { Program = HelloProgram });
        await control.Events.WaitForAsync(e => e.Event == "node.ready" && e.Fields["domain"] == "greeter-1");
        var service = ServiceRef.To(control.Node.System, greeter);
        var first = await service.Ask<Greeting>(new Greet("before"), TimeSpan.FromSeconds(30));
        Assert.Equal("greeter-1@127.0.0.1", first.Node);

        var driver = (ProcessHypervisor)control.Placement.Hosts[0].Driver;
        var killed = Stopwatch.StartNew();
        Assert.Equal(0, Signals.Kill(driver.PidOf("greeter-1"), Signals.SigKill));
        var restart = await control.Events.WaitForAsync(e => e.Event == "child.restart" && e.Fields["child"] == "greeter-1");
        var restartedAfter = killed.Elapsed;
        await control.Events.WaitForAsync(e => e.Event == "node.ready" && e.Fields["domain"] == "greeter-1");
        var reply = await service.Ask<Greeting>(new Greet("after"), TimeSpan.FromSeconds(30));
        var answeredAfter = killed.Elapsed;

        Assert.Contains("crashed (signal 9)", restart.Fields["reason"]);
        Assert.Contains(control.Events.All, e => e.Event == "node.down" && e.Fields["source"] == "driver");
        Assert.DoesNotContain(control.Events.All, e => e.Event == "node.down" && e.Fields["source"] == "cluster");
        Assert.Equal("Hello, after!", reply.Text);
        // Akka.Cluster's failure detector needs seconds (acceptable heartbeat pause 3 s) to call a member
        // unreachable; the driver event is not waiting for it.
        Assert.True(restartedAfter < TimeSpan.FromSeconds(1), $"restart began {restartedAfter} after the kill");
        output.WriteLine($"SIGKILL -> restart {restartedAfter.TotalMilliseconds:F0} ms; -> replacement answered {answeredAfter.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_killed_node_is_replaced_by_a_warm_shell_from_its_hosts_pool_which_is_then_refilled()
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(1) };
        await using var control = await ControlNode.StartAsync([greeter], [new HostSpec("local", "process://", 4096, 8) { WarmShells = 1 }],
            new NodeLaunch { Program = HelloProgram });
        var pool = control.Placement.Hosts[0].Pool!;
        await control.Events.WaitForAsync(e => e.Event == "node.ready" && e.Fields["domain"] == "greeter-1");
        // Nothing else takes shells now: once one is warm it stays in the pool (a shell is marked warm before its event).
        if (pool.Warm == 0)
        {
            await control.Events.WaitForAsync(e => e.Event == "shell.warm");
        }

        var shell = control.Events.All.Last(e => e.Event == "shell.warm").Fields["shell"];
        var service = ServiceRef.To(control.Node.System, greeter);
        Assert.Equal("Hello, before!", (await service.Ask<Greeting>(new Greet("before"), TimeSpan.FromSeconds(30))).Text);
        var shellsBefore = control.Events.All.Where(e => e.Event == "shell.boot").Select(e => e.Fields["shell"]).ToHashSet();

        var driver = (ProcessHypervisor)control.Placement.Hosts[0].Driver;
        var killed = Stopwatch.StartNew();
        Assert.Equal(0, Signals.Kill(driver.PidOf("greeter-1"), Signals.SigKill));
        var boot = await control.Events.WaitForAsync(e => e.Event == "node.boot" && e.Fields["domain"] == "greeter-1");
        var reply = await service.Ask<Greeting>(new Greet("after"), TimeSpan.FromSeconds(30));
        var answeredAfter = killed.Elapsed;
        // The refill starts as the shell is taken, so its report may precede the node's boot report.
        Func<RuntimeEvent, bool> refilled = e => e.Event == "shell.boot" && !shellsBefore.Contains(e.Fields["shell"]);
        var refill = control.Events.All.FirstOrDefault(refilled) ?? await control.Events.WaitForAsync(refilled);
        var domains = await driver.ListAsync();

        Assert.Equal("True", boot.Fields["warm"]);
        Assert.Equal("Hello, after!", reply.Text);
        // The shell's domain became greeter-1 (same process), and a new shell took its place in the pool.
        Assert.Contains(domains, d => d.Name == "greeter-1" && d.State == DomainState.Running && d.Service == "greeter");
        Assert.DoesNotContain(domains, d => d.Name == shell);
        Assert.Contains(domains, d => d.Name == refill.Fields["shell"] && d.State == DomainState.Running);
        Assert.Contains("shell.ready", await File.ReadAllTextAsync(driver.LogPath("greeter-1")));
        output.WriteLine($"SIGKILL -> warm replacement answered {answeredAfter.TotalMilliseconds:F0} ms (boot reported {boot.Fields["ms"]} ms after its proxy started)");
    }

    [Fact]
    public async Task A_node_that_boots_but_never_joins_is_destroyed_after_the_join_timeout_and_restarted()
    {
        // A program that runs and never starts a node: a hung boot.
        var hung = Path.Combine(Path.GetTempPath(), $"actors-hung-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(hung, "#!/bin/sh\nexec sleep 600\n");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(hung, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(1) };
        var policy = new VmPolicy { JoinTimeout = TimeSpan.FromSeconds(1), Intensity = 10, Period = TimeSpan.FromMinutes(1) };
        try
        {
            await using var control = await ControlNode.StartAsync([greeter], [new HostSpec("local", "process://", 4096, 8)],
                new NodeLaunch { Program = hung }, policy);

            var down = await control.Events.WaitForAsync(e => e.Event == "node.down" && e.Fields["reason"] == "join_timeout");
            var restart = await control.Events.WaitForAsync(e => e.Event == "child.restart" && e.Fields["child"] == "greeter-1");
            await control.Events.WaitForAsync(e => e.Event == "node.boot" && e.Fields["domain"] == "greeter-1");

            Assert.Equal("greeter-1", down.Fields["domain"]);
            Assert.Contains("did not join the cluster", restart.Fields["reason"]);
        }
        finally
        {
            File.Delete(hung);
        }
    }

    [Fact]
    public async Task A_crash_looping_service_is_given_up_after_its_intensity_and_not_restarted_again()
    {
        var looping = new ServiceSpec("looping", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<Greeter>("g")));
        var policy = new VmPolicy { Intensity = 2, Period = TimeSpan.FromMinutes(1) };
        await using var control = await ControlNode.StartAsync([looping], [new HostSpec("local", "process://", 4096, 8)],
            new NodeLaunch { Program = "/bin/false" }, policy);

        var escalate = await control.Events.WaitForAsync(e => e.Event == "supervisor.escalate");

        Assert.Contains("reached_max_restart_intensity", escalate.Fields["reason"]);
        var boots = control.Events.All.Count(e => e.Event == "node.boot");
        Assert.Equal(3, boots);
        Assert.Equal(2, control.Events.All.Count(e => e.Event == "child.restart"));
        Assert.Empty(await control.Placement.Hosts[0].Driver.ListAsync() is var list ? list.Where(d => d.State != DomainState.Off) : []);
    }
}

using System.Diagnostics;
using Actors.Hypervisor;
using Hello;
using Xunit.Abstractions;

namespace Actors.Hypervisor.Tests;

public sealed class ProcessContractTests(ITestOutputHelper output) : HypervisorContractTests
{
    protected override string BadUri => "process://?vcpus=-1";

    protected override IHypervisor OpenDriver(HostCapacity? capacity) =>
        Hypervisors.Open("process://" + CapacityQuery(capacity), Options());

    /// <summary>A real node host: examples/Hello running one greeter node.</summary>
    protected override DomainSpec Bootable(string name) => new()
    {
        Name = name,
        Service = HelloServices.Greeter.Name,
        Image = Path.Combine(AppContext.BaseDirectory, "Hello.dll"),
        Arguments = ["--service", HelloServices.Greeter.Name, "--events", "json"],
        MemoryMiB = 128,
    };

    protected override Task CrashAsync(IHypervisor hypervisor, string name)
    {
        Assert.Equal(0, Signals.Kill(((ProcessHypervisor)hypervisor).PidOf(name), Signals.SigKill));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_sigkilled_domain_is_reported_crashed_at_once()
    {
        var h = Open();
        using var events = new EventRecorder(h);
        var name = Unique("kill9");
        await h.DefineAsync(Bootable(name));
        await h.BootAsync(name);
        var pid = ((ProcessHypervisor)h).PidOf(name);

        var watch = Stopwatch.StartNew();
        Signals.Kill(pid, Signals.SigKill);
        var stopped = await events.WaitForAsync(name, DomainEventKind.Stopped);
        watch.Stop();

        Assert.Equal(StopReason.Crashed, stopped.Reason);
        Assert.Equal("signal 9", stopped.Detail);
        output.WriteLine($"SIGKILL -> Stopped(Crashed) event: {watch.Elapsed.TotalMilliseconds:F2} ms");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"crash reported after {watch.Elapsed}");
    }

    [Fact]
    public async Task Destroying_or_shutting_down_a_domain_while_it_starts_waits_for_its_process_and_stops_it()
    {
        // Before its process exists a starting domain has no pid: signalling it as 0 would have hit this whole
        // process group (the test runner, or a supervisor).
        var h = Open();
        var (destroyed, shut) = (Unique("destroy-early"), Unique("shutdown-early"));
        await h.DefineAsync(Bootable(destroyed) with { Image = "/bin/sleep", Arguments = ["600"] });
        await h.DefineAsync(Bootable(shut) with { Image = "/bin/sleep", Arguments = ["600"] });

        var boots = Task.WhenAll(h.BootAsync(destroyed), h.BootAsync(shut));
        await Task.WhenAll(h.DestroyAsync(destroyed), h.ShutdownAsync(shut, TimeSpan.FromSeconds(5)));
        await boots;

        Assert.Equal(DomainState.Off, (await h.GetAsync(destroyed)).State);
        Assert.Equal(DomainState.Off, (await h.GetAsync(shut)).State);
    }

    [Fact]
    public async Task A_domains_output_goes_to_its_own_log_file()
    {
        var h = Open();
        using var events = new EventRecorder(h);
        var name = Unique("log");
        await h.DefineAsync(Bootable(name) with { Image = "/bin/sh", Arguments = ["-c", "echo out-line; echo err-line >&2"] });

        await h.BootAsync(name);
        var stopped = await events.WaitForAsync(name, DomainEventKind.Stopped);

        Assert.Equal(StopReason.Shutdown, stopped.Reason);
        var log = await File.ReadAllTextAsync(((ProcessHypervisor)h).LogPath(name));
        Assert.Contains("out-line", log);
        Assert.Contains("err-line", log);
    }

    [Fact]
    public async Task A_program_that_fails_by_itself_is_reported_crashed_with_its_exit_code()
    {
        var h = Open();
        using var events = new EventRecorder(h);
        var name = Unique("fail");
        await h.DefineAsync(Bootable(name) with { Image = "/bin/sh", Arguments = ["-c", "exit 7"] });

        await h.BootAsync(name);
        var stopped = await events.WaitForAsync(name, DomainEventKind.Stopped);

        Assert.Equal(StopReason.Crashed, stopped.Reason);
        Assert.Equal("exit code 7", stopped.Detail);
    }
}

using System.Diagnostics;
using Actors.Hypervisor;
using Xunit.Abstractions;

namespace Actors.Hypervisor.Tests;

public sealed class SimWorldTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_manual_time_a_boot_completes_only_when_virtual_time_passes_its_latency()
    {
        var world = new SimWorld(new SimOptions { AutoAdvance = false, Boot = Latency.Constant(TimeSpan.FromMilliseconds(40)) });
        await using var h = Hypervisors.Open("sim://h1", new HypervisorOptions { Simulation = world });
        await h.DefineAsync(new DomainSpec { Name = "a", Service = "s" });

        var boot = h.BootAsync("a");
        world.Advance(TimeSpan.FromMilliseconds(39));
        Assert.False(boot.IsCompleted);
        world.Advance(TimeSpan.FromMilliseconds(1));
        await boot;

        Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(40), world.Now);
    }

    [Fact]
    public async Task A_lost_host_crashes_its_domains_and_refuses_further_calls()
    {
        var world = new SimWorld();
        await using var h = Hypervisors.Open("sim://h1", new HypervisorOptions { Simulation = world });
        using var events = new EventRecorder(h);
        await h.DefineAsync(new DomainSpec { Name = "a", Service = "s" });
        await h.BootAsync("a");

        world.LoseHost("h1");

        var stopped = await events.WaitForAsync("a", DomainEventKind.Stopped);
        Assert.Equal(StopReason.Crashed, stopped.Reason);
        Assert.Equal("host lost", stopped.Detail);
        var e = await Assert.ThrowsAsync<HypervisorException>(() => h.ListAsync());
        Assert.Contains("sim://h1", e.Message);
    }

    [Fact]
    public async Task A_world_carries_1000_hosts_and_100000_domains_and_loses_10_percent_of_hosts()
    {
        const int hosts = 1_000;
        const int perHost = 100;
        // Manual time: every boot is issued at virtual time 0 and the clock moves only when the test says.
        var world = new SimWorld(new SimOptions { Seed = 42, AutoAdvance = false });
        var options = new HypervisorOptions { Simulation = world };
        var drivers = Enumerable.Range(0, hosts)
            .Select(i => Hypervisors.Open($"sim://host-{i}?memory={perHost * 64}&vcpus={perHost}", options))
            .ToList();
        var crashed = 0;
        foreach (var d in drivers)
        {
            d.Subscribe(e =>
            {
                if (e.Kind == DomainEventKind.Stopped && e.Reason == StopReason.Crashed)
                {
                    Interlocked.Increment(ref crashed);
                }
            });
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var boots = new List<Task>(hosts * perHost);
        for (var i = 0; i < hosts; i++)
        {
            for (var n = 0; n < perHost; n++)
            {
                var name = $"node-{i}-{n}";
                await drivers[i].DefineAsync(new DomainSpec { Name = name, Service = "svc", MemoryMiB = 64 });
                boots.Add(drivers[i].BootAsync(name));
            }
        }

        world.Advance(TimeSpan.FromSeconds(10));
        await Task.WhenAll(boots);
        var running = 0;
        foreach (var d in drivers)
        {
            running += (await d.ListAsync()).Count(x => x.State == DomainState.Running);
        }

        for (var i = 0; i < hosts / 10; i++)
        {
            world.LoseHost($"host-{i}");
        }

        world.Advance(TimeSpan.Zero);

        Assert.Equal(hosts * perHost, running);
        Assert.Equal(hosts / 10 * perHost, crashed);
        output.WriteLine($"{running:N0} domains on {hosts:N0} hosts; lost {hosts / 10} hosts -> {crashed:N0} crashed; " +
            $"all booted within 10 s of virtual time; real {watch.Elapsed.TotalSeconds:F2} s, " +
            $"CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s, events {world.EventsRun:N0}");
    }
}

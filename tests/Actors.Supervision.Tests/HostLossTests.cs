using Actors.Hypervisor;
using Hello;

namespace Actors.Supervision.Tests;

/// <summary>When a host is lost, every node on it is restarted by its supervisor on the hosts that remain.</summary>
public sealed class HostLossTests
{
    [Fact]
    public async Task When_an_in_process_hosts_driver_connection_closes_its_node_is_restarted_on_the_other_host()
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(2) };
        HostSpec[] hosts = [new("a", "inproc://", 4096, 8), new("b", "inproc://", 4096, 8)];
        await using var control = await ControlNode.StartAsync([greeter], hosts, new NodeLaunch());
        // Both nodes up in the cluster and both drivers' boot calls returned, in whichever order.
        for (var i = 0; i < 4; i++)
        {
            await control.Events.WaitForAsync(e => e.Event is "node.ready" or "node.boot");
        }

        var before = control.Table.Rows.ToDictionary(r => r.Node, r => r.Host);
        var a = control.Placement.Hosts.Single(h => h.Spec.Name == "a");
        var onA = before.Single(kv => kv.Value == "a").Key;

        // The host's driver goes away under the agent, as a dropped connection would; its node dies with it.
        await a.Driver.DisposeAsync();
        var down = await control.Events.WaitForAsync(e => e.Event == "node.down" && e.Fields["domain"] == onA);
        await control.Events.WaitForAsync(e => e.Event == "child.restart" && e.Fields["child"] == onA);
        var ready = await control.Events.WaitForAsync(e => e.Event == "node.ready" && e.Fields["domain"] == onA);

        Assert.Equal(["a", "b"], before.Values.Order());
        Assert.Equal("True", down.Fields["host_lost"]);
        Assert.True(a.Lost);
        Assert.Contains("the driver is closed", a.LostBecause);
        Assert.Equal("b", ready.Fields["host"]);
        Assert.All(control.Table.Rows, r => Assert.Equal("b", r.Host));
        Assert.Equal(1, control.Table.Rows.Single(r => r.Node == onA).Restarts);
        Assert.Equal(0, control.Table.Rows.Single(r => r.Node != onA).Restarts);
    }

    [Fact]
    public async Task When_a_simulated_host_is_lost_each_of_its_nodes_is_placed_on_a_live_host()
    {
        var world = new SimWorld();
        var service = HelloServices.Greeter with { Scaling = Scaling.Fixed(40) };
        HostSpec[] hosts = [.. Enumerable.Range(1, 4).Select(i => new HostSpec($"h{i}", $"sim://h{i}", 16384, 64))];
        // The default intensity (5 in 30 s): ten nodes lost with their host are moved, not counted as crashes.
        await using var control = await ControlNode.StartAsync([service], hosts, new NodeLaunch(), new VmPolicy(), world.Clock, world);
        for (var i = 0; i < 40; i++)
        {
            await control.Events.WaitForAsync(e => e.Event == "node.boot");
        }

        var lost = control.Table.Rows.Where(r => r.Host == "h2").Select(r => r.Node).ToHashSet();
        world.LoseHost("h2");
        var reboots = new List<RuntimeEvent>();
        while (reboots.Count < lost.Count)
        {
            reboots.Add(await control.Events.WaitForAsync(e => e.Event == "node.boot"));
        }

        Assert.Equal(10, lost.Count);
        Assert.Equal(lost, reboots.Select(e => e.Fields["domain"]).ToHashSet());
        Assert.DoesNotContain(reboots, e => e.Fields["host"] == "h2");
        Assert.Equal(40, control.Table.Rows.Count);
        Assert.DoesNotContain(control.Table.Rows, r => r.Host == "h2");
        Assert.True(control.Placement.Hosts.Single(h => h.Spec.Name == "h2").Lost);
        Assert.Equal(lost, control.Events.All.Where(e => e.Event == "node.down").Select(e => e.Fields["domain"]).ToHashSet());
        var restarts = control.Events.All.Where(e => e.Event == "child.restart").ToList();
        Assert.Equal(lost, restarts.Select(e => e.Fields["child"]).ToHashSet());
        Assert.All(restarts, e => Assert.Equal("False", e.Fields["counted"]));
        Assert.DoesNotContain(control.Events.All, e => e.Event is "child.restart.refused" or "supervisor.escalate");
    }

    [Fact]
    public async Task A_heartbeat_finds_a_lost_host_that_has_no_node_to_die_and_placement_skips_it()
    {
        var world = new SimWorld(new SimOptions { AutoAdvance = false });
        var options = new HypervisorOptions { Simulation = world, Time = world.Clock };
        var placement = new Placement([new Host(new HostSpec("h1", "sim://h1", 8192, 8), options), new Host(new HostSpec("h2", "sim://h2", 4096, 8), options)]);
        try
        {
            var (h1, h2) = (placement.Hosts[0], placement.Hosts[1]);
            h1.StartHeartbeat(TimeSpan.FromSeconds(5));
            h2.StartHeartbeat(TimeSpan.FromSeconds(5));

            world.LoseHost("h1");
            world.Advance(TimeSpan.FromSeconds(4));
            var lostBeforeBeat = h1.Lost;
            world.Advance(TimeSpan.FromSeconds(1));

            Assert.False(lostBeforeBeat);
            Assert.True(h1.Lost);
            Assert.Contains("the host is lost", h1.LostBecause);
            world.Advance(TimeSpan.FromSeconds(30));
            Assert.False(h2.Lost);
            Assert.Same(h2, placement.Reserve(1024, 1));
        }
        finally
        {
            foreach (var host in placement.Hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_host_taken_for_lost_tells_each_watched_domain_and_fences_only_those()
    {
        var world = new SimWorld();
        await using var host = new Host(new HostSpec("h1", "sim://h1", 4096, 8), new HypervisorOptions { Simulation = world, Time = world.Clock });
        foreach (var name in new[] { "mine", "foreign" })
        {
            await host.Driver.DefineAsync(new DomainSpec { Name = name, Service = "greeter" });
            await host.Driver.BootAsync(name);
        }

        var told = new List<DomainEvent>();
        using var watch = host.Watch("mine", told.Add);
        host.MarkLost("cut off from the control network");

        // The simulated world runs the fencing destroy as soon as it is scheduled.

        var mine = await host.Driver.GetAsync("mine");
        var foreign = await host.Driver.GetAsync("foreign");
        Assert.True(host.Lost);
        var e = Assert.Single(told, e => e.Detail?.Contains("host h1 lost: cut off from the control network", StringComparison.Ordinal) == true);
        Assert.Equal((DomainEventKind.Stopped, StopReason.Crashed), (e.Kind, e.Reason));
        Assert.Equal(DomainState.Off, mine.State);
        Assert.Equal(DomainState.Running, foreign.State);
    }
}

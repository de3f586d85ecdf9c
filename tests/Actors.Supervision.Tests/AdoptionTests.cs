using Actors.Hypervisor;
using Hello;

namespace Actors.Supervision.Tests;

/// <summary>Failover: a new supervisor adopts the domains the old one left running, destroys strays and
/// duplicates, and boots only what is missing: no orphans, no duplicates.</summary>
[Collection(LibvirtTestDriverCollection.Name)]
public sealed class AdoptionTests
{
    private static readonly ServiceSpec Greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(3) };

    [Fact]
    public async Task A_new_supervisor_adopts_the_old_ones_running_domains_destroys_a_stray_and_boots_the_missing_one()
    {
        // The host puts nodes on a bridge, each with an address of its own that an adopted node keeps.
        var network = new BridgedNetwork("xenbr0", System.Net.IPAddress.Parse("10.0.5.100"), System.Net.IPAddress.Parse("10.0.5.109"), 24, System.Net.IPAddress.Parse("10.0.5.1"));
        HostSpec[] hosts = [new("t1", "test:///default", 8192, 16) { Network = network }];

        // The test's own connection to the host, as an operator's; it also keeps libvirt's per-process test state.
        await using var observer = Hypervisors.Open("test:///default");
        var a = await ControlNode.StartAsync([Greeter], hosts, new NodeLaunch());
        for (var i = 0; i < 3; i++)
        {
            await a.Events.WaitForAsync(e => e.Event == "node.boot");
        }

        var addressed = (await observer.ListAsync()).Where(d => d.Labels.ContainsKey(DomainLabels.Address))
            .ToDictionary(d => d.Name, d => d.Labels[DomainLabels.Address]);

        // Supervisor A's node dies without stopping its domains: its driver connections go, then the node.
        foreach (var host in a.Placement.Hosts)
        {
            await host.DisposeAsync();
        }

        await a.Node.System.Terminate();

        // While no supervisor runs, greeter-2 dies and a stray labelled as this cluster's appears.
        var starts = new AwaitableLog<DomainEvent>();
        using var subscription = observer.Subscribe(e =>
        {
            if (e.Kind == DomainEventKind.Started)
            {
                starts.Add(e);
            }
        });
        await observer.DestroyAsync("greeter-2");
        await observer.DefineAsync(Labelled("greeter-9"));
        await observer.BootAsync("greeter-9");

        // libvirt delivers events from its loop in order: once the stray's start is seen, nothing earlier is pending.
        await starts.WaitForAsync(e => e.Domain == "greeter-9");
        var startsBefore = starts.All.Count;

        await using var b = await ControlNode.StartAsync([Greeter], hosts, new NodeLaunch(), adopt: true);
        var reports = new List<RuntimeEvent>();
        for (var i = 0; i < 3; i++)
        {
            reports.Add(await b.Events.WaitForAsync(e => e.Event is "node.adopt" or "node.boot"));
        }

        await starts.WaitForAsync(e => e.Domain == "greeter-2");
        var domains = await observer.ListAsync();
        var ours = domains.Where(d => d.Labels.GetValueOrDefault(DomainLabels.Cluster) == "actors").ToList();

        Assert.Equal(["greeter-1", "greeter-3"], b.Adoption!.Adopted.Order());
        Assert.Equal(["greeter-9@t1"], b.Adoption.Destroyed);
        Assert.Equal(["greeter-1", "greeter-2", "greeter-3"], ours.Select(d => d.Name).Order());
        Assert.All(ours, d => Assert.Equal(DomainState.Running, d.State));
        Assert.Equal(["greeter-2"], starts.All.Skip(startsBefore).Select(e => e.Domain));
        Assert.Equal(["node.adopt greeter-1", "node.adopt greeter-3", "node.boot greeter-2"],
            reports.Select(e => $"{e.Event} {e.Fields["domain"]}").Order());
        Assert.Contains(domains, d => d.Name == "test" && d.State == DomainState.Running);
        Assert.Equal(["10.0.5.100", "10.0.5.101", "10.0.5.102"], addressed.Values.Order());
        var after = ours.ToDictionary(d => d.Name, d => d.Labels[DomainLabels.Address]);
        Assert.Equal((addressed["greeter-1"], addressed["greeter-3"]), (after["greeter-1"], after["greeter-3"]));
        Assert.Equal(3, after.Values.Distinct().Count());
        Assert.All(after.Values, a => Assert.True(network.Contains(System.Net.IPAddress.Parse(a)), a));
    }

    [Fact]
    public async Task Reconciling_keeps_one_running_domain_per_wanted_child_across_hosts_and_removes_the_rest()
    {
        var world = new SimWorld();
        var options = new HypervisorOptions { Simulation = world, Time = world.Clock };
        var placement = new Placement([new Host(new HostSpec("h1", "sim://h1", 4096, 8), options), new Host(new HostSpec("h2", "sim://h2", 4096, 8), options)]);
        var (h1, h2) = (placement.Hosts[0].Driver, placement.Hosts[1].Driver);
        await RunAsync(h1, Labelled("greeter-1"), Labelled("greeter-2"));
        await RunAsync(h2, Labelled("greeter-1"), Labelled("greeter-7"), new DomainSpec { Name = "foreign", Service = "other" });
        await h2.DefineAsync(Labelled("greeter-3"));

        var report = await Adoption.ReconcileAsync(placement, "actors", [Greeter]);

        Assert.Equal(["greeter-1", "greeter-2"], report.Adopted);
        Assert.Equal(["greeter-1@h2", "greeter-7@h2"], report.Destroyed);
        Assert.Equal(["greeter-1@h2", "greeter-3@h2", "greeter-7@h2"], report.Undefined.Order());
        Assert.Equal(["greeter-1", "greeter-2"], (await h1.ListAsync()).Select(d => d.Name).Order());
        Assert.Equal(["foreign"], (await h2.ListAsync()).Select(d => d.Name));
        Assert.Same(placement.Hosts[0], placement.ClaimAdopted("greeter-1"));
        Assert.Null(placement.ClaimAdopted("greeter-1"));
        Assert.Null(placement.ClaimAdopted("greeter-3"));
        Assert.Equal(4096 - (2 * Greeter.Resources.MemoryMiB), placement.Hosts[0].FreeMemoryMiB);
    }

    [Fact]
    public async Task On_a_bridged_host_an_adopted_node_keeps_its_address_and_one_whose_address_is_not_the_hosts_is_replaced()
    {
        var world = new SimWorld();
        var network = new BridgedNetwork("xenbr0", System.Net.IPAddress.Parse("10.0.5.100"), System.Net.IPAddress.Parse("10.0.5.109"), 24, System.Net.IPAddress.Parse("10.0.5.1"));
        var placement = new Placement([new Host(new HostSpec("h1", "sim://h1", 4096, 8) { Network = network }, new HypervisorOptions { Simulation = world, Time = world.Clock })]);
        var h1 = placement.Hosts[0];
        await RunAsync(h1.Driver, Addressed("greeter-2", "10.0.5.105"), Addressed("greeter-1", "10.0.9.9"), Labelled("greeter-3"));

        var report = await Adoption.ReconcileAsync(placement, "actors", [Greeter]);
        var newcomer = h1.Addresses!.Lease("greeter-9");

        Assert.Equal(["greeter-2"], report.Adopted);
        Assert.Equal(["greeter-1@h1", "greeter-3@h1"], report.Destroyed.Order());
        Assert.Equal("10.0.5.105", h1.Addresses.Lease("greeter-2").ToString());
        Assert.Equal("10.0.5.100", newcomer.ToString());
        Assert.False(h1.Addresses.Claim("greeter-8", System.Net.IPAddress.Parse("10.0.5.105")));
        await placement.CloseHostsAsync();
    }

    private static DomainSpec Addressed(string child, string address)
    {
        var spec = Labelled(child);
        return spec with { Labels = new Dictionary<string, string>(spec.Labels) { [DomainLabels.Address] = address } };
    }

    [Fact]
    public async Task A_new_supervisor_adopts_a_running_tenant_node_so_a_summons_for_that_tenant_boots_nothing_new()
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.PerTenant(TimeSpan.FromMinutes(10)) };
        var world = new SimWorld();
        var placement = new Placement([new Host(new HostSpec("h1", "sim://h1", 4096, 8), new HypervisorOptions { Simulation = world, Time = world.Clock })]);
        var h1 = placement.Hosts[0].Driver;
        await RunAsync(h1, Labelled("greeter-acme", "acme"), Labelled("greeter-7"));
        var report = await Adoption.ReconcileAsync(placement, "actors", [greeter]);

        Assert.Equal([new SummonedNode("greeter", "acme", "greeter-acme")], report.Summoned);
        Assert.Equal(["greeter-7@h1"], report.Destroyed);
        await using var control = await ControlNode.StartWithAsync([greeter], placement, report);
        var adopt = await control.Events.WaitForAsync(e => e.Event is "node.adopt" or "node.boot");
        var summoner = control.Node.System.ActorSelection(Summon.SummonerPath);
        summoner.Tell(new Summon("greeter", "acme"));
        summoner.Tell(new Summon("greeter", "globex"));
        var boot = await control.Events.WaitForAsync(e => e.Event is "node.adopt" or "node.boot");

        Assert.Equal("node.adopt greeter-acme", $"{adopt.Event} {adopt.Fields["domain"]}");
        Assert.Equal("node.boot greeter-globex", $"{boot.Event} {boot.Fields["domain"]}");
        Assert.Equal(["greeter-acme", "greeter-globex"], (await h1.ListAsync()).Select(d => d.Name).Order());
        Assert.Equal(2, control.Events.All.Count(e => e.Event == "node.summon"));
    }

    private static DomainSpec Labelled(string child, string tenant = "") => new()
    {
        Name = child,
        Service = "greeter",
        Labels = new Dictionary<string, string>
        {
            [DomainLabels.Cluster] = "actors",
            [DomainLabels.Service] = "greeter",
            [DomainLabels.Child] = child,
            [DomainLabels.Tenant] = tenant,
        },
    };

    private static async Task RunAsync(IHypervisor driver, params DomainSpec[] specs)
    {
        foreach (var spec in specs)
        {
            await driver.DefineAsync(spec);
            await driver.BootAsync(spec.Name);
        }
    }
}

using Actors.Hypervisor;
using Akka.Actor;
using Hello;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Supervision.Tests;

/// <summary>On-demand and per-tenant services on in-process hosts: summon, buffer, reap, isolate.</summary>
public sealed class OnDemandTests
{
    private static readonly HostSpec InProcHost = new("local", "inproc://", 4096, 8);

    private static ServiceSpec OnDemandGreeter(TimeSpan ttl) => HelloServices.Greeter with { Scaling = Scaling.OnDemand(ttl) };

    [Fact]
    public async Task The_first_message_for_an_on_demand_service_boots_one_node_and_the_held_messages_arrive_in_order()
    {
        var greeter = OnDemandGreeter(TimeSpan.FromMinutes(10));
        await using var control = await ControlNode.StartAsync([greeter], [InProcHost], new NodeLaunch());
        var service = ServiceRef.To(control.Node.System, greeter);
        var done = new TaskCompletionSource<IReadOnlyList<Greeting>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var collector = control.Node.System.ActorOf(Props.Create(() => new Collector(5, done)));

        for (var i = 1; i <= 5; i++)
        {
            service.Tell(new Greet($"n{i}"), collector);
        }

        var replies = await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"Hello, n{i}!"), replies.Select(r => r.Text));
        Assert.Single(replies.Select(r => r.Node).Distinct());

        // The proxy reports the boot when the driver's boot call returns, which may be after the first replies.
        await control.Events.WaitForAsync(e => e.Event == "node.boot");
        Assert.Single(control.Events.All, e => e.Event == "node.boot");
    }

    /// <summary>Collects replies in the order they arrive (one mailbox keeps it).</summary>
    private sealed class Collector : ReceiveActor
    {
        public Collector(int count, TaskCompletionSource<IReadOnlyList<Greeting>> done)
        {
            var replies = new List<Greeting>();
            Receive<Greeting>(g =>
            {
                replies.Add(g);
                if (replies.Count == count)
                {
                    done.TrySetResult(replies);
                }
            });
        }
    }

    [Fact]
    public async Task Concurrent_summons_of_one_service_boot_exactly_one_node()
    {
        var greeter = OnDemandGreeter(TimeSpan.FromMinutes(10));
        await using var control = await ControlNode.StartAsync([greeter], [InProcHost], new NodeLaunch());
        var summoner = control.Node.System.ActorSelection(Summon.SummonerPath);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => summoner.Tell(new Summon(greeter.Name, null)))));
        await control.Events.WaitForAsync(e => e.Event == "node.boot");
        var reply = await ServiceRef.To(control.Node.System, greeter).Ask<Greeting>(new Greet("x"), TimeSpan.FromSeconds(30));

        Assert.Equal("Hello, x!", reply.Text);
        Assert.Single(control.Events.All, e => e.Event == "node.summon");
        Assert.Single(control.Events.All, e => e.Event == "node.boot");
    }

    [Fact]
    public async Task An_idle_node_is_reaped_after_its_ttl_on_fake_time_and_not_restarted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var greeter = OnDemandGreeter(TimeSpan.FromMinutes(10));
        await using var control = await ControlNode.StartAsync([greeter], [InProcHost], new NodeLaunch(), driverTime: time);
        await ServiceRef.To(control.Node.System, greeter).Ask<Greeting>(new Greet("x"), TimeSpan.FromSeconds(60));
        await control.Events.WaitForAsync(e => e.Event == "node.boot");

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.DoesNotContain(control.Events.All, e => e.Event == "node.down");
        time.Advance(TimeSpan.FromMinutes(2));
        var down = await control.Events.WaitForAsync(e => e.Event == "node.down");
        var exit = await control.Events.WaitForAsync(e => e.Event == "child.exit" && e.Fields["child"] == down.Fields["domain"]);

        Assert.Equal("Shutdown", down.Fields["reason"]);
        Assert.Equal("normal", exit.Fields["reason"]);
        Assert.DoesNotContain(control.Events.All, e => e.Event == "child.restart");
        Assert.DoesNotContain(await control.Placement.Hosts[0].Driver.ListAsync(), d => d.State == DomainState.Running);
    }

    [Fact]
    public async Task A_request_arriving_as_a_reaped_node_goes_boots_one_new_node_under_the_same_name_with_one_summons()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var greeter = HelloServices.Greeter with { Scaling = Scaling.PerTenant(TimeSpan.FromMinutes(10)) };
        await using var control = await ControlNode.StartAsync([greeter], [InProcHost], new NodeLaunch(), driverTime: time);
        var acme = ServiceRef.To(control.Node.System, greeter, "acme");
        await acme.Ask<Greeting>(new Greet("x"), TimeSpan.FromSeconds(60));
        await control.Events.WaitForAsync(e => e.Event == "node.boot");

        // The request is sent the moment the node reports its reap: the summoner may see the old proxy end before its
        // supervisor has let go of the name, and must then wait for it rather than fail or summon twice.
        var reaped = control.Events.WaitForAsync(e => e.Event == "node.down");
        time.Advance(TimeSpan.FromMinutes(11));
        await reaped;
        var reply = await acme.Ask<Greeting>(new Greet("y"), TimeSpan.FromSeconds(60));

        Assert.Equal("Hello, y!", reply.Text);
        Assert.Equal(["greeter-acme", "greeter-acme"], control.Events.All.Where(e => e.Event == "node.summon").Select(e => e.Fields["domain"]));
        Assert.DoesNotContain(control.Events.All, e => e.Event == "node.summon.failed");
    }

    [Fact]
    public async Task A_summoned_node_that_dies_is_restarted_under_its_own_name_and_ps_counts_the_restart()
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.PerTenant(TimeSpan.FromMinutes(10)) };
        await using var control = await ControlNode.StartAsync([greeter], [InProcHost], new NodeLaunch());
        var acme = ServiceRef.To(control.Node.System, greeter, "acme");
        await acme.Ask<Greeting>(new Greet("x"), TimeSpan.FromSeconds(60));
        await control.Events.WaitForAsync(e => e.Event == "node.ready" && e.Fields["domain"] == "greeter-acme");
        // The in-process driver's boot call may return after the node answered: destroy a domain that is up.
        await control.Events.WaitForAsync(e => e.Event == "node.boot" && e.Fields["domain"] == "greeter-acme");
        var before = Assert.Single(control.Table.Rows);

        await control.Placement.Hosts[0].Driver.DestroyAsync("greeter-acme");
        var restart = await control.Events.WaitForAsync(e => e.Event == "child.restart");
        await control.Events.WaitForAsync(e => e.Event == "node.ready" && e.Fields["domain"] == "greeter-acme" && e.Ts >= restart.Ts);
        var reply = await acme.Ask<Greeting>(new Greet("y"), TimeSpan.FromSeconds(60));

        Assert.Equal(0, before.Restarts);
        Assert.Equal("greeter-acme", restart.Fields["child"]);
        Assert.Equal("Hello, y!", reply.Text);
        var after = Assert.Single(control.Table.Rows);
        Assert.Equal(("greeter-acme", "acme", "up", 1), (after.Node, after.Tenant, after.State, after.Restarts));
    }

    [Fact]
    public async Task A_tenants_messages_reach_only_its_own_node()
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.PerTenant(TimeSpan.FromMinutes(10)) };
        await using var control = await ControlNode.StartAsync([greeter], [InProcHost], new NodeLaunch());
        var acme = ServiceRef.To(control.Node.System, greeter, "acme");
        var globex = ServiceRef.To(control.Node.System, greeter, "globex");

        var fromAcme = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => acme.Ask<Greeting>(new Greet($"a{i}"), TimeSpan.FromSeconds(60))));
        var fromGlobex = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => globex.Ask<Greeting>(new Greet($"g{i}"), TimeSpan.FromSeconds(60))));

        var acmeNode = Assert.Single(fromAcme.Select(r => r.Node).Distinct());
        var globexNode = Assert.Single(fromGlobex.Select(r => r.Node).Distinct());
        Assert.NotEqual(acmeNode, globexNode);
        var domains = (await control.Placement.Hosts[0].Driver.ListAsync()).Select(d => (d.Name, d.Labels[DomainLabels.Tenant])).Order().ToList();
        Assert.Equal([("greeter-acme", "acme"), ("greeter-globex", "globex")], domains);
    }
}

using Akka.Actor;

namespace Actors.Node.Tests;

/// <summary>Per-tenant routing and access: a tenant's messages go only to nodes carrying its tenant role, and a
/// tenant's node refuses messages from another tenant's node.</summary>
public sealed class TenantIsolationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Messages_for_tenant_a_reach_only_tenant_as_node_and_b_only_bs()
    {
        var service = TestServices.Pong().WithScaling(Scaling.PerTenant(TimeSpan.FromMinutes(10)));
        var a = await Node.StartAsync(service, LocalCluster.NodeOptions(1) with { Roles = [Summon.TenantRole("pong", "a")] });
        var b = await Node.StartAsync(service, LocalCluster.NodeOptions(2) with { Roles = [Summon.TenantRole("pong", "b")], Seeds = [a.Address.ToString()] });
        var caller = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(3) with { Seeds = [a.Address.ToString()] }, service.MessageTypes);
        try
        {
            await caller.WhenMembersUpAsync(3).WaitAsync(Timeout);
            var toA = ServiceRef.To(caller.System, service, "a");
            var toB = ServiceRef.To(caller.System, service, "b");

            var fromA = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => toA.Ask<Pong>(new Ping($"a{i}"), Timeout)));
            var fromB = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => toB.Ask<Pong>(new Ping($"b{i}"), Timeout)));

            Assert.All(fromA, p => Assert.Equal(a.Name, p.Node));
            Assert.All(fromB, p => Assert.Equal(b.Name, p.Node));
        }
        finally
        {
            await Task.WhenAll(caller.StopAsync(), b.StopAsync(), a.StopAsync());
        }
    }

    /// <summary>Code on tenant B's node names tenant A through the service API, and selects A's service by its
    /// raw actor path: A's node refuses both (the asks get no answer) and reports each refusal as a runtime event.
    /// A node of no tenant still reaches A.</summary>
    [Fact]
    public async Task A_tenants_node_refuses_messages_from_another_tenants_node_and_reports_it()
    {
        var service = TestServices.Pong().WithScaling(Scaling.PerTenant(TimeSpan.FromMinutes(10)));
        var events = new EventLog();
        var a = await Node.StartAsync(service, LocalCluster.NodeOptions(1) with { Roles = [Summon.TenantRole("pong", "a")] }, events: events.Add);
        var b = await Node.StartAsync(service, LocalCluster.NodeOptions(2) with { Roles = [Summon.TenantRole("pong", "b")], Seeds = [a.Address.ToString()] });
        var front = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(3) with { Seeds = [a.Address.ToString()] }, service.MessageTypes);
        try
        {
            await b.WhenMembersUpAsync(3).WaitAsync(Timeout);
            await front.WhenMembersUpAsync(3).WaitAsync(Timeout);
            var refusedWait = TimeSpan.FromSeconds(3);

            var viaApi = ServiceRef.To(b.System, service, "a").Ask<Pong>(new Ping("api"), refusedWait);
            var apiRefused = await events.WaitForAsync(e => e.Event == "tenant.refused", Timeout);
            var viaPath = b.System.ActorSelection(new RootActorPath(a.Address) / "user" / "pong").Ask<Pong>(new Ping("raw"), refusedWait);
            var pathRefused = await events.WaitForAsync(e => e.Event == "tenant.refused", Timeout);
            var fromFront = await ServiceRef.To(front.System, service, "a").Ask<Pong>(new Ping("front"), Timeout);

            await Assert.ThrowsAsync<AskTimeoutException>(() => viaApi);
            await Assert.ThrowsAsync<AskTimeoutException>(() => viaPath);
            Assert.All([apiRefused, pathRefused], e =>
            {
                Assert.Equal(a.Name, e.Node);
                Assert.Equal("a", e.Fields["tenant"]);
                Assert.Equal("Ping", e.Fields["message"]);
                Assert.Contains($"{b.Address} is a node of tenant 'b'", e.Fields["reason"]);
            });
            Assert.Equal(a.Name, fromFront.Node);
            Assert.Equal(2, events.All.Count(e => e.Event == "tenant.refused"));
        }
        finally
        {
            await Task.WhenAll(front.StopAsync(), b.StopAsync(), a.StopAsync());
        }
    }

    /// <summary>A node of another cluster addresses a tenant's node by path: the tenant's node does not know it as a
    /// member, holds its message for the time a join takes to spread, then refuses it.</summary>
    [Fact]
    public async Task A_tenants_node_refuses_a_node_outside_its_cluster_after_holding_its_message_a_while()
    {
        var service = TestServices.Pong().WithScaling(Scaling.PerTenant(TimeSpan.FromMinutes(10)));
        var events = new EventLog();
        var a = await Node.StartAsync(service, LocalCluster.NodeOptions(1) with { Roles = [Summon.TenantRole("pong", "a")] }, events: events.Add);
        var stranger = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(2) with { ClusterName = "stranger" }, service.MessageTypes);
        try
        {
            var sent = System.Diagnostics.Stopwatch.StartNew();
            var ask = stranger.System.ActorSelection(new RootActorPath(a.Address) / "user" / "pong")
                .Ask<Pong>(new Ping("stranger"), TenantGuard.HoldLimit + TimeSpan.FromSeconds(5));
            var refused = await events.WaitForAsync(e => e.Event == "tenant.refused", Timeout);
            var heldFor = sent.Elapsed;

            Assert.Contains($"{stranger.Address} is not a member of the cluster", refused.Fields["reason"]);
            Assert.True(heldFor >= TenantGuard.HoldLimit, $"refused after {heldFor}");
            await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
        }
        finally
        {
            await Task.WhenAll(stranger.StopAsync(), a.StopAsync());
        }
    }
}

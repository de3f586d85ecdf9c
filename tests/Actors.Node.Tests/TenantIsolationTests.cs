using Akka.Actor;

namespace Actors.Node.Tests;

/// <summary>Per-tenant routing: a tenant's messages go only to nodes carrying its tenant role.</summary>
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

    /// <summary>Pins a gap rather than a guarantee: nothing stops code on tenant B's node from naming tenant A in the
    /// service API or from selecting A's actors by raw path; both reach A. Tenant isolation today is routing, not
    /// access control. When nodes are authenticated per tenant this test must flip.</summary>
    [Fact]
    public async Task Known_gap_tenant_bs_node_can_still_address_tenant_as_node()
    {
        var service = TestServices.Pong().WithScaling(Scaling.PerTenant(TimeSpan.FromMinutes(10)));
        var a = await Node.StartAsync(service, LocalCluster.NodeOptions(1) with { Roles = [Summon.TenantRole("pong", "a")] });
        var b = await Node.StartAsync(service, LocalCluster.NodeOptions(2) with { Roles = [Summon.TenantRole("pong", "b")], Seeds = [a.Address.ToString()] });
        try
        {
            await b.WhenMembersUpAsync(2).WaitAsync(Timeout);

            var viaApi = await ServiceRef.To(b.System, service, "a").Ask<Pong>(new Ping("api"), Timeout);
            var viaPath = await b.System.ActorSelection(new RootActorPath(a.Address) / "user" / "pong").Ask<Pong>(new Ping("raw"), Timeout);

            Assert.Equal(a.Name, viaApi.Node);
            Assert.Equal(a.Name, viaPath.Node);
        }
        finally
        {
            await Task.WhenAll(b.StopAsync(), a.StopAsync());
        }
    }
}

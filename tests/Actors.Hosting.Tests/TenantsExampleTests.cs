namespace Actors.Hosting.Tests;

/// <summary>Runs examples/Tenants and checks what its README promises.</summary>
public sealed class TenantsExampleTests
{
    [Fact]
    public async Task Each_tenant_gets_its_own_node_booted_by_its_first_request_reaped_when_idle_and_booted_anew_after()
    {
        var run = await ExampleRun.RunAsync("Tenants", TimeSpan.FromMinutes(3));

        Assert.True(run.ExitCode == 0, run.ToString());
        // "request  acme /cart  -> storefront-1@127.0.0.1 (request 2 on that node) in 1 ms"
        var requests = run.Words("request").Select(w => (Tenant: w[1], Node: w[4], Served: int.Parse(w[6], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(["acme", "globex", "acme", "initech", "globex", "acme", "acme"], requests.Select(r => r.Tenant));
        var firstRound = requests[..6];
        var nodeOf = firstRound.GroupBy(r => r.Tenant).ToDictionary(g => g.Key, g => Assert.Single(g.Select(r => r.Node).Distinct()));
        Assert.Equal(3, nodeOf.Values.Distinct().Count());
        Assert.Equal([1, 2, 3], firstRound.Where(r => r.Tenant == "acme").Select(r => r.Served));
        Assert.NotEqual(nodeOf["acme"], requests[6].Node);
        Assert.Equal(1, requests[6].Served);

        // "boot storefront-acme ...", "reap storefront-acme ..."
        var boots = run.Words("boot").Select(w => w[1]).ToList();
        var reaps = run.Words("reap").Select(w => w[1]).ToList();
        Assert.Equal(["storefront-acme", "storefront-globex", "storefront-initech", "storefront-acme"], boots);
        Assert.Equal(["storefront-acme", "storefront-acme", "storefront-globex", "storefront-initech"], reaps.Order());

        // acme's second boot comes after its first reap: the node was gone, not kept.
        var lines = run.Lines.ToList();
        Assert.True(lines.FindIndex(l => l.StartsWith("reap", StringComparison.Ordinal) && l.Contains("storefront-acme"))
            < lines.FindLastIndex(l => l.StartsWith("boot", StringComparison.Ordinal) && l.Contains("storefront-acme")), run.ToString());
    }
}

using System.Text;
using Actors.Hypervisor;

namespace Actors.Supervision.Tests;

/// <summary>Loading a cluster file: the example in deploy/, and one clear line for each kind of mistake.</summary>
public sealed class ClusterFileTests
{
    private const string OneHost = """
        {
          "placement": "pack",
          "hosts": [
            { "name": "h1", "driver": "sim://h1", "capacity": { "memoryMiB": 1024, "vcpus": 4 }, "labels": { "zone": "a" } }
          ]
        }
        """;

    [Fact]
    public void The_example_in_deploy_loads_with_its_hosts_strategy_and_control_endpoint()
    {
        var cluster = ClusterFile.Load(Repository.Path("deploy/cluster.example.json"));

        Assert.Equal(["xen-1", "xen-2", "laptop"], cluster.Hosts.Select(h => h.Name));
        Assert.Equal(PlacementStrategy.Spread, cluster.Strategy);
        Assert.Equal(new Uri("http://127.0.0.1:4040/"), cluster.Control);
        Assert.Equal(new Uri("http://127.0.0.1:4041/"), cluster.Metrics);
        Assert.Equal(TimeSpan.FromSeconds(5), cluster.HostHeartbeat);
        var xen1 = cluster.Hosts[0];
        Assert.Equal(("xen+ssh://xen-1.internal/system", 65536L, 32), (xen1.Uri, xen1.MemoryMiB, xen1.VCpus));
        Assert.Equal("b", cluster.Hosts[1].Labels["zone"]);
    }

    [Fact]
    public void A_host_entry_becomes_a_host_spec_with_capacity_and_labels()
    {
        var cluster = Parse(OneHost);

        var host = Assert.Single(cluster.Hosts);
        Assert.Equal(("h1", "sim://h1", 1024L, 4), (host.Name, host.Uri, host.MemoryMiB, host.VCpus));
        Assert.Equal("a", host.Labels["zone"]);
        Assert.Equal(PlacementStrategy.Pack, cluster.Strategy);
        Assert.Equal(ClusterFile.DefaultControl, cluster.Control);
    }

    [Theory]
    [InlineData("\"placement\": \"pack\"", "\"placement\": \"random\"", "c.json:2: placement: unknown strategy 'random'; use spread or pack")]
    [InlineData("\"name\": \"h1\"", "\"name\": 7", "c.json:4: hosts[0].name: must be a string, not the number 7")]
    [InlineData("\"driver\": \"sim://h1\"", "\"driver\": \"h1\"", "c.json:4: hosts[0].driver: 'h1' is not a driver URI; use one of")]
    [InlineData("\"driver\": \"sim://h1\"", "\"driver\": \"ftp://h1\"", "c.json:4: hosts[0].driver: 'ftp://h1' is not a driver URI")]
    [InlineData("\"capacity\": { \"memoryMiB\": 1024, \"vcpus\": 4 }, ", "", "c.json:4: hosts[0]: host 'h1' has no capacity; add \"capacity\"")]
    [InlineData("\"memoryMiB\": 1024", "\"memoryMiB\": -5", "c.json:4: hosts[0].capacity.memoryMiB: must be a positive whole number, not -5")]
    [InlineData("\"memoryMiB\": 1024, ", "", "c.json:4: hosts[0].capacity: is missing \"memoryMiB\"")]
    [InlineData("\"placement\": \"pack\",", "\"placement\": \"pack\", \"hostHeartbeatSeconds\": \"5s\",", "c.json:2: hostHeartbeatSeconds: must be a number of seconds between 0 and 3600, not \"5s\"")]
    [InlineData("\"labels\"", "\"tags\"", "c.json:4: hosts[0].tags: unknown field; known fields here: name, driver, capacity, labels, warmShells, address, network")]
    [InlineData("\"labels\"", "\"address\": \"10.77.0.11\", \"labels\"", "c.json:4: hosts[0].address: only qemu:// hosts take an address")]
    [InlineData("\"placement\": \"pack\",", "\"placement\": \"pack\"", "c.json:3: is not valid JSON:")]
    [InlineData("\"placement\": \"pack\",", "\"placement\": \"pack\", \"control\": { \"listen\": \"http://10.0.0.1:4040/\" },", "c.json:2: control.listen: 'http://10.0.0.1:4040/' is not on loopback")]
    public void A_mistake_is_one_line_naming_the_file_line_field_and_problem(string find, string replace, string expected)
    {
        var error = Assert.Throws<ClusterFileException>(() => Parse(OneHost.Replace(find, replace, StringComparison.Ordinal)));

        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_qemu_host_may_say_the_address_its_nodes_are_reached_at()
    {
        var qemu = OneHost.Replace("\"driver\": \"sim://h1\"", "\"driver\": \"qemu://?netns=actors-h1\", \"address\": \"10.77.0.11\"", StringComparison.Ordinal);

        Assert.Equal("10.77.0.11", Assert.Single(Parse(qemu).Hosts).Address);
        Assert.Null(Assert.Single(Parse(OneHost).Hosts).Address);
        var bad = Assert.Throws<ClusterFileException>(() => Parse(qemu.Replace("10.77.0.11", "10.77.0.11:80", StringComparison.Ordinal)));
        Assert.StartsWith("c.json:4: hosts[0].address: '10.77.0.11:80' is not an IPv4 address or host name", bad.Message);
    }

    [Fact]
    public void A_libvirt_host_may_put_its_nodes_on_a_bridge_with_a_range_of_addresses()
    {
        var xen = OneHost.Replace("\"driver\": \"sim://h1\"",
            "\"driver\": \"xen+ssh://xen-1/system\", \"network\": { \"bridge\": \"xenbr0\", \"addresses\": \"10.0.5.100-10.0.5.149/24\", \"gateway\": \"10.0.5.1\" }",
            StringComparison.Ordinal);

        var network = Assert.Single(Parse(xen).Hosts).Network!;

        Assert.Equal(("xenbr0", "10.0.5.100", "10.0.5.149", 24, "10.0.5.1"), (network.Bridge, network.First.ToString(), network.Last.ToString(), network.Prefix, network.Gateway.ToString()));
        Assert.Equal(50, network.Count);
        Assert.Null(Assert.Single(Parse(OneHost).Hosts).Network);
        var both = Assert.Throws<ClusterFileException>(() => Parse(xen.Replace("xen+ssh://xen-1/system\"", "qemu://?netns=a\", \"address\": \"10.77.0.11\"", StringComparison.Ordinal)));
        Assert.StartsWith("c.json:4: hosts[0].network: host 'h1' has an address (nodes on user-mode networking, reached through the host) and a network", both.Message);
    }

    [Theory]
    [InlineData("sim://h1", "xenbr0", "10.0.5.100-10.0.5.149/24", "10.0.5.1", "hosts[0].network: only VM hosts (xen://, xen+ssh://, qemu://, qemu+ssh://, test://) put nodes on a bridge, not sim://")]
    [InlineData("process://", "xenbr0", "10.0.5.100-10.0.5.149/24", "10.0.5.1", "hosts[0].network: only VM hosts")]
    [InlineData("xen:///system", "xen br0", "10.0.5.100-10.0.5.149/24", "10.0.5.1", "hosts[0].network.bridge: 'xen br0' is not a bridge name")]
    [InlineData("xen:///system", "xenbr0", "10.0.5.100/24", "10.0.5.1", "hosts[0].network.addresses: '10.0.5.100/24' is not FIRST-LAST/PREFIX, e.g. 10.0.5.100-10.0.5.149/24")]
    [InlineData("xen:///system", "xenbr0", "10.0.5.100-10.0.5.149/31", "10.0.5.1", "hosts[0].network.addresses: prefix /31 is not from /8 to /30")]
    [InlineData("xen:///system", "xenbr0", "10.0.5.149-10.0.5.100/24", "10.0.5.1", "hosts[0].network.addresses: '10.0.5.149-10.0.5.100/24' ends before it starts")]
    [InlineData("xen:///system", "xenbr0", "10.0.5.100-10.0.6.10/24", "10.0.5.1", "hosts[0].network.addresses: 10.0.5.100 and 10.0.6.10 are not in one /24 subnet")]
    [InlineData("xen:///system", "xenbr0", "10.0.5.100-10.0.5.149/24", "10.0.9.1", "hosts[0].network.gateway: 10.0.9.1 is outside the nodes' subnet (10.0.5.100/24)")]
    [InlineData("xen:///system", "xenbr0", "10.0.5.100-10.0.5.149/24", "10.0.5.120", "hosts[0].network.gateway: 10.0.5.120 is inside the nodes' range 10.0.5.100-10.0.5.149")]
    [InlineData("xen:///system", "xenbr0", "10.0.5.100-10.0.5.149/24", "gw", "hosts[0].network.gateway: 'gw' is not an IPv4 address")]
    [InlineData("xen:///system", "xenbr0", "10.0.5.2-10.0.5.255/24", "10.0.5.1", "hosts[0].network.addresses: '10.0.5.2-10.0.5.255/24' includes the subnet's network or broadcast address")]
    [InlineData("xen:///system", "xenbr0", "10.1.0.0-10.1.0.9/16", "10.1.1.1", "hosts[0].network.addresses: '10.1.0.0-10.1.0.9/16' includes the subnet's network or broadcast address")]
    [InlineData("xen:///system", "xenbr0", "10.0.0.2-10.3.0.1/8", "10.0.0.1", "hosts[0].network.addresses: '10.0.0.2-10.3.0.1/8' holds 196,608 addresses; a host takes at most 65,536")]
    public void A_bad_bridged_network_names_its_field(string driver, string bridge, string addresses, string gateway, string expected)
    {
        var json = OneHost.Replace("\"driver\": \"sim://h1\"",
            $"\"driver\": \"{driver}\", \"network\": {{ \"bridge\": \"{bridge}\", \"addresses\": \"{addresses}\", \"gateway\": \"{gateway}\" }}",
            StringComparison.Ordinal);

        var error = Assert.Throws<ClusterFileException>(() => Parse(json));

        Assert.StartsWith($"c.json:4: {expected}", error.Message);
    }

    [Fact]
    public void Two_hosts_whose_node_addresses_overlap_are_refused()
    {
        const string json = """
            {
              "hosts": [
                { "name": "x1", "driver": "xen+ssh://x1/system", "capacity": { "memoryMiB": 1024, "vcpus": 4 },
                  "network": { "bridge": "xenbr0", "addresses": "10.0.5.100-10.0.5.149/24", "gateway": "10.0.5.1" } },
                { "name": "x2", "driver": "xen+ssh://x2/system", "capacity": { "memoryMiB": 1024, "vcpus": 4 },
                  "network": { "bridge": "xenbr0", "addresses": "10.0.5.140-10.0.5.199/24", "gateway": "10.0.5.1" } }
              ]
            }
            """;

        var error = Assert.Throws<ClusterFileException>(() => Parse(json));

        Assert.Equal("c.json:6: hosts[1].network.addresses: 10.0.5.140-10.0.5.199 overlaps host 'x1''s 10.0.5.100-10.0.5.149; two nodes would get one address", error.Message);
        var gateway = Assert.Throws<ClusterFileException>(() => Parse(json.Replace("10.0.5.140-10.0.5.199/24\", \"gateway\": \"10.0.5.1", "10.0.5.150-10.0.5.199/24\", \"gateway\": \"10.0.5.120", StringComparison.Ordinal)));
        Assert.Equal("c.json:6: hosts[1].network.gateway: a gateway of host 'x2' or 'x1' is inside the other's node addresses; a node would be given the router's address", gateway.Message);
    }

    [Fact]
    public void A_host_listed_twice_names_both_lines()
    {
        const string json = """
            {
              "hosts": [
                { "name": "h1", "driver": "sim://a", "capacity": { "memoryMiB": 1024, "vcpus": 4 } },
                { "name": "h2", "driver": "sim://b", "capacity": { "memoryMiB": 1024, "vcpus": 4 } },
                { "name": "h1", "driver": "sim://c", "capacity": { "memoryMiB": 1024, "vcpus": 4 } }
              ]
            }
            """;

        var error = Assert.Throws<ClusterFileException>(() => Parse(json));

        Assert.Equal("c.json:5: hosts[2].name: host 'h1' is listed twice (first at line 3)", error.Message);
    }

    [Fact]
    public void No_hosts_and_a_missing_file_are_clear_errors()
    {
        var empty = Assert.Throws<ClusterFileException>(() => Parse("{ \"hosts\": [] }"));
        var missing = Assert.Throws<ClusterFileException>(() => ClusterFile.Load("/nonexistent/cluster.json"));

        Assert.Equal("c.json:1: hosts: must be a non-empty array of hosts", empty.Message);
        Assert.StartsWith("/nonexistent/cluster.json: cannot be read:", missing.Message);
    }

    [Theory]
    [InlineData("pack", "a", "a")]
    [InlineData("spread", "a", "b")]
    public async Task Placement_follows_the_files_strategy(string strategy, string second, string third)
    {
        // a has 3 GiB, b 4 GiB: spread goes to the freest host, pack to the fullest one that fits.
        var json = $$"""
            {
              "placement": "{{strategy}}",
              "hosts": [
                { "name": "a", "driver": "sim://a", "capacity": { "memoryMiB": 3072, "vcpus": 8 } },
                { "name": "b", "driver": "sim://b", "capacity": { "memoryMiB": 4096, "vcpus": 8 } }
              ]
            }
            """;
        var placement = Placement.Open(Parse(json), new HypervisorOptions { Simulation = new SimWorld() });
        try
        {
            var first = placement.Reserve(1024, 1)!.Spec.Name;
            Assert.Equal(strategy == "pack" ? "a" : "b", first);
            Assert.Equal(second, placement.Reserve(1024, 1)!.Spec.Name);
            Assert.Equal(third, placement.Reserve(1024, 1)!.Spec.Name);
        }
        finally
        {
            foreach (var host in placement.Hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static ClusterFile Parse(string json) => ClusterFile.Parse("c.json", Encoding.UTF8.GetBytes(json));
}

using Actors.Hypervisor;
using Hello;

namespace Actors.Supervision.Tests;

/// <summary>The domain spec of a node on a <c>qemu://</c> host: user-mode networking with the node's port forwarded
/// from the host's address, which the node advertises; the port is the domain's for the supervisor's life.</summary>
public sealed class NodeLaunchTests : IAsyncLifetime
{
    private const string Seed = "akka.tcp://actors@10.77.0.1:4053";
    private readonly Host _h1 = Open(new HostSpec("h1", "qemu://?accel=tcg&tsc_khz=1000000", 4096, 4) { Address = "10.77.0.11" });
    private readonly Host _h2 = Open(new HostSpec("h2", "qemu://?accel=tcg&tsc_khz=1000000", 4096, 4));
    private readonly NodeLaunch _launch = new() { ImageDirectory = "/images" };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _h1.DisposeAsync();
        await _h2.DisposeAsync();
    }

    [Fact]
    public void A_qemu_node_forwards_its_port_from_the_hosts_address_and_advertises_that_address()
    {
        var spec = _launch.Create(Settings("greeter-1"), _h1, "actors", Seed);

        var port = Assert.Single(spec.Network!.ForwardedPorts);
        Assert.True(spec.Network.IsUserMode);
        Assert.Equal("/images/greeter", spec.Image);
        Assert.Equal("10.77.0.11", spec.Environment["ACTORS_NODE__PUBLICHOST"]);
        Assert.Equal(NetworkSpec.UserGuestAddress, spec.Environment["ACTORS_NODE__HOST"]);
        Assert.Equal($"{port}", spec.Environment["ACTORS_NODE__PORT"]);
        Assert.Equal(Seed, spec.Environment["ACTORS_NODE__SEEDS__0"]);
        Assert.Equal("domain:greeter-1", spec.Environment["ACTORS_NODE__ROLES__0"]);
    }

    [Fact]
    public void Each_domain_keeps_its_own_port_across_boots_and_hosts_and_a_host_without_an_address_advertises_loopback()
    {
        var first = _launch.Create(Settings("greeter-1"), _h1, "actors", Seed);
        var second = _launch.Create(Settings("greeter-2"), _h1, "actors", Seed);
        var again = _launch.Create(Settings("greeter-1"), _h2, "actors", Seed);

        Assert.NotEqual(first.Network!.ForwardedPorts, second.Network!.ForwardedPorts);
        Assert.Equal(first.Network.ForwardedPorts, again.Network!.ForwardedPorts);
        Assert.Equal("127.0.0.1", again.Environment["ACTORS_NODE__PUBLICHOST"]);
    }

    [Fact]
    public async Task A_node_on_a_bridged_libvirt_host_gets_its_own_address_nic_and_settings_and_keeps_them_until_released()
    {
        var network = new BridgedNetwork("xenbr0", System.Net.IPAddress.Parse("10.0.5.100"), System.Net.IPAddress.Parse("10.0.5.101"), 24, System.Net.IPAddress.Parse("10.0.5.1"));
        await using var xen = Open(new HostSpec("x1", "test:///default", 4096, 4) { Network = network });

        var first = _launch.Create(Settings("greeter-1"), xen, "actors", Seed);
        var second = _launch.Create(Settings("greeter-2"), xen, "actors", Seed);
        var again = _launch.Create(Settings("greeter-1"), xen, "actors", Seed);
        var full = Assert.Throws<InvalidOperationException>(() => _launch.Create(Settings("greeter-3"), xen, "actors", Seed));
        var roomWhenFull = new Placement([xen]).Reserve(64, 1);
        xen.Addresses!.Release("greeter-1");
        var third = _launch.Create(Settings("greeter-3"), xen, "actors", Seed);
        // A node that comes back takes the address it had, not the lowest free one.
        xen.Addresses.Release("greeter-3");
        xen.Addresses.Release("greeter-2");
        var secondAgain = _launch.Create(Settings("greeter-2"), xen, "actors", Seed);
        // The same node as a Xen PVH guest: a vif on the bridge with that MAC, the settings on the kernel command line.
        var xml = XenPvhDomainXml.Render(second with { Image = "/var/lib/actors/images/greeter" });

        Assert.Equal(new NetworkSpec("xenbr0", Mac: "00:16:3e:00:05:64"), first.Network);
        Assert.Equal("10.0.5.100/24", first.Environment["ACTORS_NET_ADDRESS"]);
        Assert.Equal("10.0.5.1", first.Environment["ACTORS_NET_GATEWAY"]);
        Assert.Equal(("10.0.5.100", "4053"), (first.Environment["ACTORS_NODE__HOST"], first.Environment["ACTORS_NODE__PORT"]));
        Assert.Equal(Seed, first.Environment["ACTORS_NODE__SEEDS__0"]);
        Assert.Equal("10.0.5.100", first.Labels[DomainLabels.Address]);
        Assert.Equal("10.0.5.101", second.Labels[DomainLabels.Address]);
        Assert.Equal(first.Environment, again.Environment);
        Assert.Equal("host x1 has no free node address: all 2 of 10.0.5.100-10.0.5.101 are held; widen the host's network.addresses in the cluster file", full.Message);
        Assert.Equal("10.0.5.100", third.Labels[DomainLabels.Address]);
        Assert.Null(roomWhenFull);
        Assert.Equal("10.0.5.101", secondAgain.Labels[DomainLabels.Address]);
        Assert.Contains("<interface type=\"bridge\">", xml);
        Assert.Contains("<source bridge=\"xenbr0\" />", xml);
        Assert.Contains("<mac address=\"00:16:3e:00:05:65\" />", xml);
        Assert.Contains("ACTORS_NET_ADDRESS=10.0.5.101/24", xml);
    }

    private NodeProxySettings Settings(string child) =>
        new(HelloServices.Greeter, child, int.Parse(child.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture),
            new Placement([_h1, _h2]), _launch, TimeSpan.FromSeconds(10));

    private static Host Open(HostSpec spec) => new(spec, new HypervisorOptions());
}

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

    private NodeProxySettings Settings(string child) =>
        new(HelloServices.Greeter, child, int.Parse(child.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture),
            new Placement([_h1, _h2]), _launch, TimeSpan.FromSeconds(10));

    private static Host Open(HostSpec spec) => new(spec, new HypervisorOptions());
}

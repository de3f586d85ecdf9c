using System.Net;
using Actors.Node;
using Actors.Supervision;
using Akka.Actor;
using Akka.Cluster;
using Hello;
using Xunit.Abstractions;

namespace Actors.Images.Tests;

/// <summary>A node on a host's bridge, as on a Xen host: the cluster supervisor's launch gives the baked greeter an
/// address of its own from the host's network, QEMU puts its NIC on the bridge, the image's init configures eth0, and
/// the node joins this process's cluster from that address and answers. The bridge is inside a network namespace
/// made here (root only), joined to this process's namespace by a veth pair whose near end (10.78.0.1) the seed
/// binds; no traffic leaves the two.</summary>
[Collection(BakedHelloCollection.Name)]
public sealed class BridgedQemuTests(BakedHello hello, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Gateway = "10.78.0.1";
    private readonly string _namespace = $"actors-b-{Guid.NewGuid():N}"[..18];
    private readonly string _veth = $"actb{Guid.NewGuid():N}"[..12];
    private bool _created;

    private static bool IsRoot => Environment.UserName == "root";

    private string Peer => $"{_veth}p";

    public async Task InitializeAsync()
    {
        if (!IsRoot)
        {
            return;
        }

        await Commands.RunAsync("ip", "netns", "add", _namespace);
        _created = true;
        await Commands.RunAsync("ip", "link", "add", _veth, "type", "veth", "peer", "name", Peer);
        await Commands.RunAsync("ip", "link", "set", Peer, "netns", _namespace);
        await Commands.RunAsync("ip", "addr", "add", $"{Gateway}/24", "dev", _veth);
        await Commands.RunAsync("ip", "link", "set", _veth, "up");
        await Commands.RunAsync("ip", "-n", _namespace, "link", "add", "br0", "type", "bridge");
        await Commands.RunAsync("ip", "-n", _namespace, "link", "set", Peer, "master", "br0", "up");
        await Commands.RunAsync("ip", "-n", _namespace, "link", "set", "br0", "up");
    }

    public async Task DisposeAsync()
    {
        if (_created)
        {
            // The namespace takes the bridge and the veth's far end with it, and the near end goes with its peer.
            await Commands.RunAsync("ip", "netns", "delete", _namespace);
        }
    }

    [SkippableFact]
    public async Task A_node_on_a_bridged_host_gets_its_own_address_joins_from_it_and_answers()
    {
        Skip.IfNot(IsRoot, "making a network namespace, a veth pair and a bridge needs root");
        var seedPort = Ports.FreeLoopback();
        var seed = $"akka.tcp://actors@{Gateway}:{seedPort}";
        var gossip = TimeSpan.FromMilliseconds(200);
        var node = await Node.Node.StartAsync(ProbeService.Spec, new NodeOptions
        {
            Host = Gateway,
            Port = seedPort,
            Seeds = [seed],
            GossipInterval = gossip,
            LeaderActionsInterval = gossip,
        }, HelloServices.Greeter.MessageTypes);
        using var watch = new ClusterWatch(node.System);
        var network = new BridgedNetwork("br0", IPAddress.Parse("10.78.0.100"), IPAddress.Parse("10.78.0.109"), 24, IPAddress.Parse(Gateway));
        await using var host = new Host(new HostSpec("b1", $"qemu://?netns={_namespace}", 2048, 2) { Network = network },
            new HypervisorOptions { StateDirectory = hello.Scratch() });
        var interval = gossip.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        var launch = new NodeLaunch
        {
            ImageDirectory = Path.GetDirectoryName(hello.Image("greeter").Directory),
            Environment = new Dictionary<string, string> { ["ACTORS_NODE__GOSSIPINTERVAL"] = interval, ["ACTORS_NODE__LEADERACTIONSINTERVAL"] = interval },
        };
        var settings = new NodeProxySettings(HelloServices.Greeter, "greeter-1", 1, new Placement([host]), launch, TimeSpan.FromSeconds(10));
        var spec = launch.Create(settings, host, "actors", seed) with { MemoryMiB = 512, VCpus = 2 };
        try
        {
            await host.Driver.DefineAsync(spec);
            await host.Driver.BootAsync(spec.Name);
            var up = (ClusterEvent.MemberUp)await watch.Events.WaitForAsync(
                e => e is ClusterEvent.MemberUp u && u.Member.HasRole("greeter"), TimeSpan.FromMinutes(3));
            var reply = await ServiceRef.To(node.System, HelloServices.Greeter).Ask<Greeting>(new Greet("bridge"), TimeSpan.FromSeconds(30));
            var onBridge = await Commands.RunAsync("ip", "-n", _namespace, "-o", "link", "show", "master", "br0");

            Assert.Equal("Hello, bridge!", reply.Text);
            Assert.Equal(("10.78.0.100", BridgedNetwork.NodePort), (up.Member.Address.Host, up.Member.Address.Port));
            Assert.Equal("10.78.0.100", spec.Labels[DomainLabels.Address]);
            // The tap QEMU made for the guest's NIC is on the bridge beside the veth, and goes with QEMU.
            Assert.Matches(new System.Text.RegularExpressions.Regex(@"^\d+: tap[0-9a-f]{10}: ", System.Text.RegularExpressions.RegexOptions.Multiline), onBridge);

            await host.Driver.DestroyAsync(spec.Name);
            await watch.Events.WaitForAsync(e => e is ClusterEvent.UnreachableMember u && u.Member.Address.Equals(up.Member.Address), TimeSpan.FromSeconds(60));
            Cluster.Get(node.System).Down(up.Member.Address);
            var left = await Commands.RunAsync("ip", "-n", _namespace, "-o", "link", "show", "master", "br0");
            Assert.DoesNotContain(": tap", left);
        }
        catch
        {
            var log = ((QemuHypervisor)host.Driver).ConsoleLog(spec.Name);
            output.WriteLine(File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no console log)");
            throw;
        }
        finally
        {
            await node.StopAsync();
        }
    }
}

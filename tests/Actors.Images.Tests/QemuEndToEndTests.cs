using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Actors.Node;
using Akka.Actor;
using Akka.Cluster;
using Hello;
using Xunit.Abstractions;

namespace Actors.Images.Tests;

/// <summary>The baked greeter boots as a QEMU microVM (TCG here), joins this process's cluster, answers a request,
/// is destroyed, and the cluster sees it go. Networking is QEMU user mode: the guest reaches this process's
/// loopback at 10.0.2.2, this process reaches the guest through a port forwarded on 127.0.0.1; nothing leaves the
/// host's loopback.</summary>
[Collection(BakedHelloCollection.Name)]
public sealed class QemuEndToEndTests(BakedHello hello, ITestOutputHelper output)
{
    [Fact]
    public async Task A_baked_greeter_boots_in_qemu_joins_the_cluster_answers_and_leaves_when_destroyed()
    {
        var (seedPort, guestPort) = (Ports.FreeLoopback(), Ports.FreeLoopback());
        var seed = $"akka.tcp://actors@{NetworkSpec.UserHostAddress}:{seedPort}";
        var node = await Node.Node.StartAsync(ProbeService.Spec, new NodeOptions
        {
            Host = "127.0.0.1",
            PublicHost = NetworkSpec.UserHostAddress,
            Port = seedPort,
            Seeds = [seed],
            GossipInterval = TimeSpan.FromMilliseconds(200),
            LeaderActionsInterval = TimeSpan.FromMilliseconds(200),
        }, HelloServices.Greeter.MessageTypes);
        using var watch = new ClusterWatch(node.System);
        var state = hello.Scratch();
        await using var driver = Hypervisors.Open("qemu://", new HypervisorOptions { StateDirectory = state });
        try
        {
            await driver.DefineAsync(new DomainSpec
            {
                Name = "greeter-vm",
                Service = "greeter",
                Image = hello.Image("greeter").Directory,
                MemoryMiB = 512,
                VCpus = 2,
                Network = NetworkSpec.User(guestPort),
                Environment = ImageNetwork.UserModeNode(guestPort, seed, TimeSpan.FromMilliseconds(200)),
            });

            var clock = Stopwatch.StartNew();
            await driver.BootAsync("greeter-vm");
            var up = (ClusterEvent.MemberUp)await watch.Events.WaitForAsync(
                e => e is ClusterEvent.MemberUp u && u.Member.HasRole("greeter"), TimeSpan.FromMinutes(3));
            var upAfter = clock.Elapsed;

            var reply = await ServiceRef.To(node.System, HelloServices.Greeter).Ask<Greeting>(new Greet("vm"), TimeSpan.FromSeconds(30));
            output.WriteLine($"QEMU start -> member Up: {upAfter.TotalSeconds:F1} s; -> first reply: {clock.Elapsed.TotalSeconds:F1} s ({reply.Node})");
            Console.WriteLine($"qemu end-to-end: QEMU start -> member Up {upAfter.TotalSeconds:F1} s");

            Assert.Equal("Hello, vm!", reply.Text);
            Assert.Equal(up.Member.Address.Port, guestPort);
            Assert.Contains("ACTORS-LAYERS-READ-ONLY", ConsoleLog(driver));

            await driver.DestroyAsync("greeter-vm");
            await watch.Events.WaitForAsync(e => e is ClusterEvent.UnreachableMember u && u.Member.Address.Equals(up.Member.Address), TimeSpan.FromSeconds(60));
            Cluster.Get(node.System).Down(up.Member.Address);
            await watch.Events.WaitForAsync(e => e is ClusterEvent.MemberRemoved r && r.Member.Address.Equals(up.Member.Address), TimeSpan.FromSeconds(60));
        }
        catch
        {
            output.WriteLine(ConsoleLog(driver));
            throw;
        }
        finally
        {
            await node.StopAsync();
        }
    }

    private static string ConsoleLog(IHypervisor driver)
    {
        var path = ((QemuHypervisor)driver).ConsoleLog("greeter-vm");
        return File.Exists(path) ? File.ReadAllText(path) : "(no console log)";
    }
}

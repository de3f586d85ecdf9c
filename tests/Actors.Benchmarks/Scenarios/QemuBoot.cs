using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Actors.Hypervisor;
using Actors.Images;
using Actors.Node;
using Actors.TestSupport;
using Akka.Cluster;

namespace Actors.Benchmarks;

/// <summary>The baked Hello greeter (built into the default store, reused when unchanged) booted as a QEMU microVM
/// under user-mode networking, joining a seed in this process: QEMU start -> member Up, against QEMU start -> the
/// init's line that it is about to start the node (the kernel's and init's share: the floor of any VM boot here).</summary>
internal static class QemuBoot
{
    public static async Task<(List<double> Up, List<double> Init)> MeasureAsync(int trials, Action<string> progress)
    {
        progress("baking examples/Hello's greeter (the store keeps the runtime layer between runs)");
        var images = Path.Combine(Path.GetTempPath(), "actors-bench-images");
        var built = await ImageBuilder.BuildAsync(new BuildRequest { Project = Actors.TestSupport.Repository.Path("examples", "Hello", "Hello.csproj"), Output = images, Service = "greeter" });
        var image = built.Images[0].Directory;

        var seedPort = Ports.FreeLoopback();
        var seed = $"akka.tcp://actors@{NetworkSpec.UserHostAddress}:{seedPort}";
        var node = await Node.Node.StartAsync(EchoService.Spec, new NodeOptions
        {
            Host = "127.0.0.1", PublicHost = NetworkSpec.UserHostAddress, Port = seedPort, Seeds = [seed],
            GossipInterval = ProcessNodes.JoinInterval, LeaderActionsInterval = ProcessNodes.JoinInterval,
        }, Hello.HelloServices.Greeter.MessageTypes);
        await using var driver = (QemuHypervisor)Hypervisors.Open("qemu://", new HypervisorOptions { StateDirectory = Path.Combine(images, "state") });
        var (up, init) = (new List<double>(), new List<double>());
        try
        {
            for (var i = 0; i < trials; i++)
            {
                var name = $"greeter-q{i}";
                var port = Ports.FreeLoopback();
                await driver.DefineAsync(new DomainSpec
                {
                    Name = name, Service = "greeter", Image = image, MemoryMiB = 512, VCpus = 2, Network = NetworkSpec.User(port),
                    Environment = ImageNetwork.UserModeNode(port, seed, ProcessNodes.JoinInterval),
                });
                var initSeen = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
                var clock = Stopwatch.StartNew();
                using var console = driver.WatchConsole(name, line =>
                {
                    if (line.StartsWith("ACTORS-INIT ", StringComparison.Ordinal))
                    {
                        initSeen.TrySetResult(clock.Elapsed);
                    }
                });
                var member = ClusterWatch.WhenAsync<ClusterEvent.MemberUp>(node.System, e => e.Member.Address.Port == port);
                await driver.BootAsync(name);
                await member.WaitAsync(TimeSpan.FromMinutes(3));
                up.Add(clock.Elapsed.TotalMilliseconds);
                init.Add((await initSeen.Task.WaitAsync(TimeSpan.FromSeconds(5))).TotalMilliseconds);
                progress($"  {name}: init {init[^1]:F0} ms, member Up {up[^1]:F0} ms");
                await driver.DestroyAsync(name);
                await driver.UndefineAsync(name);
                var address = (await member).Member.Address;
                Cluster.Get(node.System).Down(address);
            }
        }
        finally
        {
            await node.StopAsync();
        }

        return (up, init);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Actors.Hypervisor;
using Actors.Node;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Cluster;
using Hello;

namespace Actors.Benchmarks;

/// <summary>Process nodes from warm shells: Hello started by the <c>process://</c> driver with <c>--shell PORT</c>
/// (runtime started, Akka warmed, waiting), then asked to become a greeter; timed from the become request to the
/// first reply the new greeter gives the seed. A pool would keep such shells booted ahead of need.</summary>
internal static class WarmShells
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<List<double>> MeasureAsync(Node.Node seed, int trials)
    {
        await using var driver = Hypervisors.Open("process://", new HypervisorOptions { StateDirectory = ProcessNodes.StateDirectory });
        var cluster = Cluster.Get(seed.System);
        var serving = new List<double>();
        for (var i = 0; i <= trials; i++)
        {
            var name = $"shell-{i}";
            var port = Ports.FreeLoopback();
            await driver.DefineAsync(new DomainSpec
            {
                Name = name, Service = "shell", Image = ProcessNodes.HelloProgram,
                Arguments = ["--shell", $"{port}", "--events", "json"],
            });
            await driver.BootAsync(name);
            await ListeningAsync(port);

            var memberUp = ClusterWatch.WhenAsync<ClusterEvent.MemberUp>(seed.System, e => e.Member.HasRole(ProcessNodes.Role(name)));
            var watch = Stopwatch.StartNew();
            await ShellClient.BecomeAsync("127.0.0.1", port, "greeter", new Dictionary<string, string>(ProcessNodes.FastJoin)
            {
                ["ACTORS_NODE__SEEDS__0"] = seed.Address.ToString(),
                ["ACTORS_NODE__ROLES__0"] = ProcessNodes.Role(name),
            });
            var member = (await memberUp.WaitAsync(Timeout)).Member;
            await seed.System.ActorSelection($"{member.Address}{HelloServices.Greeter.IngressPath}").Ask<Greeting>(new Greet("warm"), Timeout);
            serving.Add(watch.Elapsed.TotalMilliseconds);

            await driver.DestroyAsync(name);
            cluster.Down(member.Address);
            await driver.UndefineAsync(name);
        }

        serving.RemoveAt(0); // the first pays for the page cache
        return serving;
    }

    // The shell listens once its warm-up is done (~1 s); this is set-up, not measured.
    private static async Task ListeningAsync(int port)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"no shell listening on {port}");
    }
}

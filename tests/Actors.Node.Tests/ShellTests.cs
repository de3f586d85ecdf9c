using System.Diagnostics;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Node.Tests;

public sealed class ShellTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<ServiceSpec> Services = [TestServices.Pong(instances: 1), TestServices.Caller];

    [Fact]
    public async Task A_warm_shell_becomes_a_node_of_the_service_asked_for_and_serves_it()
    {
        var seed = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(1), Services.SelectMany(s => s.MessageTypes));
        await using var shell = await Shell.StartAsync(Services, Options);
        try
        {
            var clock = Stopwatch.StartNew();
            var name = await ShellClient.BecomeAsync("127.0.0.1", shell.Port, "pong", Settings(seed, ordinal: 7));
            output.WriteLine($"become -> node Up: {clock.Elapsed.TotalMilliseconds:F0} ms");

            Assert.Equal("pong-7@127.0.0.1", name);
            var node = await shell.Became;
            var reply = await ServiceRef.To(seed.System, TestServices.Pong()).Ask<Pong>(new Ping("hi"), TimeSpan.FromSeconds(20));
            Assert.Equal("pong-7@127.0.0.1", reply.Node);
            await node.StopAsync();
        }
        finally
        {
            await seed.StopAsync();
        }
    }

    [Fact]
    public async Task A_request_for_an_unknown_service_is_refused_naming_the_services_and_the_shell_keeps_waiting()
    {
        var seed = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(1), Services.SelectMany(s => s.MessageTypes));
        await using var shell = await Shell.StartAsync(Services, Options);
        try
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ShellClient.BecomeAsync("127.0.0.1", shell.Port, "nope", Settings(seed, 2)));
            Assert.Contains("'nope' is not a service of this shell; services: pong, caller", e.Message);
            Assert.False(shell.Became.IsCompleted);

            Assert.Equal("pong-2@127.0.0.1", await ShellClient.BecomeAsync("127.0.0.1", shell.Port, "pong", Settings(seed, 2)));
            await (await shell.Became).StopAsync();
        }
        finally
        {
            await seed.StopAsync();
        }
    }

    [Fact]
    public async Task A_connection_closed_without_a_request_leaves_the_shell_waiting()
    {
        var seed = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(1), Services.SelectMany(s => s.MessageTypes));
        await using var shell = await Shell.StartAsync(Services, Options);
        try
        {
            using (var probe = new System.Net.Sockets.TcpClient())
            {
                await probe.ConnectAsync("127.0.0.1", shell.Port);
            }

            Assert.Equal("pong-3@127.0.0.1", await ShellClient.BecomeAsync("127.0.0.1", shell.Port, "pong", Settings(seed, 3)));
            await (await shell.Became).StopAsync();
        }
        finally
        {
            await seed.StopAsync();
        }
    }

    private static Dictionary<string, string> Settings(Node seed, int ordinal) => new()
    {
        ["ACTORS_NODE__ORDINAL"] = $"{ordinal}",
        ["ACTORS_NODE__SEEDS__0"] = seed.Address.ToString(),
    };

    private static NodeOptions Options(IReadOnlyDictionary<string, string> settings) =>
        LocalCluster.NodeOptions(int.Parse(settings["ACTORS_NODE__ORDINAL"], System.Globalization.CultureInfo.InvariantCulture)) with
        {
            Seeds = [settings["ACTORS_NODE__SEEDS__0"]],
        };
}

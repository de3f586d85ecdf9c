using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Hello;

namespace Actors.Supervision.Tests;

/// <summary><c>actors ps</c> and <c>actors kill</c> against a running supervisor's control endpoint, run as a user runs them.</summary>
public sealed class OperatorTests
{
    [Fact]
    public async Task Actors_ps_lists_the_nodes_and_actors_kill_makes_the_supervisor_restart_one()
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(2) };
        await using var control = await ControlNode.StartAsync([greeter], [new HostSpec("local", "inproc://", 4096, 8)], new NodeLaunch());
        await using var endpoint = new ControlEndpoint(control.Table, control.Placement, FreePort());
        // Both nodes up and both boot calls returned: an in-process node can be Up before its driver's boot
        // returns, and a kill in between finds no node to destroy.
        for (var i = 0; i < 4; i++)
        {
            await control.Events.WaitForAsync(e => e.Event is "node.ready" or "node.boot");
        }

        var before = await PsAsync(endpoint.Url);
        var (killCode, killOut, killErr) = await ActorsAsync("kill", "greeter-1", "--endpoint", endpoint.Url);
        Assert.True(killCode == 0, killErr);
        await control.Events.WaitForAsync(e => e.Event == "child.restart" && e.Fields["child"] == "greeter-1");
        await control.Events.WaitForAsync(e => e.Event == "node.ready" && e.Fields["domain"] == "greeter-1");
        var after = await PsAsync(endpoint.Url);
        var (missingCode, _, missingErr) = await ActorsAsync("kill", "nobody", "--endpoint", endpoint.Url);

        Assert.Equal(["greeter-1", "greeter-2"], before.Select(n => n.GetProperty("node").GetString()));
        Assert.All(before, n => Assert.Equal("up", n.GetProperty("state").GetString()));
        Assert.All(before, n => Assert.Matches(@"^akka\.tcp://[^@]+@127\.0\.0\.1:\d+$", n.GetProperty("address").GetString()));
        Assert.Equal(2, before.Select(n => n.GetProperty("address").GetString()).Distinct().Count());
        Assert.Contains("killed greeter-1 on local", killOut);
        Assert.Equal(1, after.Single(n => n.GetProperty("node").GetString() == "greeter-1").GetProperty("restarts").GetInt32());
        Assert.Equal(0, after.Single(n => n.GetProperty("node").GetString() == "greeter-2").GetProperty("restarts").GetInt32());
        Assert.Equal(4, missingCode);
        Assert.Contains("no node named 'nobody'; nodes: greeter-1, greeter-2", missingErr);
    }

    [Fact]
    public async Task Actors_ps_without_a_supervisor_says_so_and_exits_3()
    {
        var (code, _, stderr) = await ActorsAsync("ps", "--endpoint", $"http://127.0.0.1:{FreePort()}/");

        Assert.Equal(3, code);
        Assert.Contains("no cluster supervisor answers at", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    private static async Task<List<JsonElement>> PsAsync(string url)
    {
        var (code, stdout, stderr) = await ActorsAsync("ps", "--json", "--endpoint", url);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
    }

    internal static ProcessStartInfo Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Actors.Cli.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    internal static async Task<(int Code, string Stdout, string Stderr)> ActorsAsync(params string[] args)
    {
        using var process = Process.Start(Start(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

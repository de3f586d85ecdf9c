using System.Diagnostics;
using System.Text.Json;
using Hello;

namespace Actors.Supervision.Tests;

/// <summary><c>actors top</c> against a running supervisor's control endpoint, run as a user runs it.</summary>
public sealed class TopTests
{
    [Fact]
    public async Task Actors_top_once_prints_a_frame_of_the_running_nodes_as_a_table_and_as_json()
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(2) };
        await using var control = await ControlNode.StartAsync([greeter], [new HostSpec("local", "inproc://", 4096, 8)], new NodeLaunch());
        await using var endpoint = new ControlEndpoint(control.Table, control.Placement, OperatorTests.FreePort());
        for (var i = 0; i < 4; i++)
        {
            await control.Events.WaitForAsync(e => e.Event is "node.ready" or "node.boot");
        }

        var (tableCode, table, tableErr) = await OperatorTests.ActorsAsync("top", "--once", "--endpoint", endpoint.Url);
        var (jsonCode, json, _) = await OperatorTests.ActorsAsync("top", "--once", "--json", "--endpoint", endpoint.Url);

        Assert.True(tableCode == 0, tableErr);
        Assert.Contains("2 nodes on 1 hosts (0 lost)  2 up  0 restarts", table);
        Assert.Contains("greeter-1", table);
        Assert.Contains("greeter-2", table);
        Assert.Equal(0, jsonCode);
        var frame = JsonDocument.Parse(json).RootElement;
        Assert.Equal(2, frame.GetProperty("nodes").GetInt32());
        Assert.Equal(2, frame.GetProperty("states").GetProperty("up").GetInt32());
        var host = Assert.Single(frame.GetProperty("hosts").EnumerateArray());
        Assert.Equal(("local", false, 2, 2), (host.GetProperty("host").GetString(), host.GetProperty("lost").GetBoolean(), host.GetProperty("nodes").GetInt32(), host.GetProperty("up").GetInt32()));
        Assert.Equal(4096, host.GetProperty("memory_mib").GetInt64());
        Assert.Equal(["greeter-1", "greeter-2"], frame.GetProperty("top").EnumerateArray().Select(n => n.GetProperty("node").GetString()));
    }

    [Fact]
    public async Task Actors_top_shows_a_lost_host_empty_and_its_node_on_the_host_that_remains()
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(2) };
        HostSpec[] hosts = [new("a", "inproc://", 4096, 8), new("b", "inproc://", 4096, 8)];
        await using var control = await ControlNode.StartAsync([greeter], hosts, new NodeLaunch());
        await using var endpoint = new ControlEndpoint(control.Table, control.Placement, OperatorTests.FreePort());
        for (var i = 0; i < 4; i++)
        {
            await control.Events.WaitForAsync(e => e.Event is "node.ready" or "node.boot");
        }

        var onB = control.Table.Rows.Single(r => r.Host == "b").Node;
        control.Placement.Hosts.Single(h => h.Spec.Name == "b").MarkLost("taken out of service");
        await control.Events.WaitForAsync(e => e.Event == "node.ready" && e.Fields["domain"] == onB);
        var (code, json, stderr) = await OperatorTests.ActorsAsync("top", "--once", "--json", "--endpoint", endpoint.Url);
        var (_, table, _) = await OperatorTests.ActorsAsync("top", "--once", "--endpoint", endpoint.Url);

        Assert.True(code == 0, stderr);
        var lines = JsonDocument.Parse(json).RootElement.GetProperty("hosts").EnumerateArray()
            .Select(h => (h.GetProperty("host").GetString(), h.GetProperty("lost").GetBoolean(), h.GetProperty("nodes").GetInt32(), h.GetProperty("used_memory_mib").GetInt64()));
        Assert.Equal([("a", false, 2, 2L * greeter.Resources.MemoryMiB), ("b", true, 0, 0L)], lines);
        Assert.Contains("2 nodes on 2 hosts (1 lost)", table);
        Assert.Contains("lost", table);
    }

    [Fact]
    public async Task Actors_top_keeps_refreshing_until_stopped()
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(1) };
        await using var control = await ControlNode.StartAsync([greeter], [new HostSpec("local", "inproc://", 4096, 8)], new NodeLaunch());
        await using var endpoint = new ControlEndpoint(control.Table, control.Placement, OperatorTests.FreePort());
        await control.Events.WaitForAsync(e => e.Event == "node.ready");

        var start = OperatorTests.Start("top", "--json", "--interval", "0.1", "--endpoint", endpoint.Url);
        using var process = Process.Start(start)!;
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var second = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(1, JsonDocument.Parse(first!).RootElement.GetProperty("nodes").GetInt32());
            Assert.Equal(1, JsonDocument.Parse(second!).RootElement.GetProperty("nodes").GetInt32());
            Assert.False(process.HasExited);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Actors_top_explains_bad_input_and_a_missing_supervisor_in_one_line()
    {
        var (usageCode, _, usageErr) = await OperatorTests.ActorsAsync("top", "--interval", "0");
        var (goneCode, _, goneErr) = await OperatorTests.ActorsAsync("top", "--once", "--endpoint", $"http://127.0.0.1:{OperatorTests.FreePort()}/");
        var (helpCode, help, _) = await OperatorTests.ActorsAsync("top", "--help");

        Assert.Equal(2, usageCode);
        Assert.Contains("error: --interval must be between 0 and 3600 seconds", usageErr);
        Assert.Equal(3, goneCode);
        Assert.Contains("no cluster supervisor answers at", goneErr);
        Assert.DoesNotContain("   at ", goneErr);
        Assert.Equal(0, helpCode);
        Assert.Contains("actors top --once --json", help);
    }
}

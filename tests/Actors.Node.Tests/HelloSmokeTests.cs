using System.Diagnostics;
using System.Text.Json;

namespace Actors.Node.Tests;

/// <summary>Runs examples/Hello as a user would, as its own process, and reads the events it prints.</summary>
public sealed class HelloSmokeTests
{
    [Fact]
    public async Task Hello_runs_for_5s_and_its_json_events_show_every_node_up_a_restart_and_cross_node_replies()
    {
        var (exitCode, lines, stderr) = await RunHelloAsync("--for", "5s", "--events", "json");

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {stderr}");
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e =>
        {
            Assert.True(e.TryGetProperty("ts", out _));
            Assert.True(e.TryGetProperty("event", out _));
            Assert.True(e.TryGetProperty("service", out _));
            Assert.True(e.TryGetProperty("node", out _));
        });
        string? Str(JsonElement e, string name) => e.GetProperty(name).GetString();
        var up = events.Where(e => Str(e, "event") == "node.up").Select(e => Str(e, "node")).Order().ToList();
        Assert.Equal(["front-1@127.0.0.1", "greeter-1@127.0.0.1", "greeter-2@127.0.0.1"], up);
        var down = events.Where(e => Str(e, "event") == "node.down").Select(e => Str(e, "node")).Order().ToList();
        Assert.Equal(up, down);
        Assert.Contains(events, e => Str(e, "event") == "child.restart" && Str(e, "service") == "greeter");
        var replies = events.Where(e => Str(e, "event") == "hello.reply").ToList();
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.StartsWith("greeter-", Str(r, "from")));
    }

    [Fact]
    public async Task Hello_refuses_a_bad_duration_with_a_clear_error_and_no_stack_trace()
    {
        var (exitCode, _, stderr) = await RunHelloAsync("--for", "soon");

        Assert.Equal(ActorsApplication.UsageError, exitCode);
        Assert.Contains("'soon' is not a duration", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Hello_refuses_an_unknown_service_naming_the_known_ones()
    {
        var (exitCode, _, stderr) = await RunHelloAsync("--service", "nope");

        Assert.Equal(ActorsApplication.UsageError, exitCode);
        Assert.Contains("'nope' is not a service of this application; services: greeter, front", stderr);
    }

    [Fact]
    public async Task A_single_node_stops_gracefully_on_SIGTERM_and_exits_0()
    {
        using var process = Process.Start(HelloStart("--service", "greeter", "--events", "json"))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                seen.Add(line);
                if (line.Contains("\"event\":\"node.up\""))
                {
                    Assert.Equal(0, Signals.Kill(process.Id, Signals.Sigterm));
                }
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}; stderr: {await stderr}");
        Assert.Contains(seen, l => l.Contains("\"event\":\"child.exit\"") && l.Contains("\"reason\":\"shutdown\""));
        Assert.Contains("\"event\":\"node.down\"", seen[^1]);
    }

    private static ProcessStartInfo HelloStart(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hello.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static async Task<(int ExitCode, List<string> Lines, string Stderr)> RunHelloAsync(params string[] args)
    {
        using var process = Process.Start(HelloStart(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return (process.ExitCode, lines, await stderr);
    }
}

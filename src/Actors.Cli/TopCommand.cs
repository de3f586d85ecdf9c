using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Actors.Cli;

/// <summary><c>actors top</c>: a live view of the cluster from the control endpoint's <c>GET /nodes</c>.</summary>
internal static class TopCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(Option<Uri> endpoint, Func<Func<Task>, Task<int>> run)
    {
        var once = new Option<bool>("--once") { Description = "Print one frame and exit" };
        var json = new Option<bool>("--json") { Description = "Print each frame as one line of JSON instead of a table" };
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between refreshes (default 2)",
            DefaultValueFactory = _ => 2,
            Validators = { r => { if (r.GetValueOrDefault<double>() is not (> 0 and <= 3600)) { r.AddError("--interval must be between 0 and 3600 seconds, e.g. --interval 1"); } } },
        };
        var limit = new Option<int>("--limit")
        {
            Description = "Nodes to list, most restarted first (default 20)",
            DefaultValueFactory = _ => 20,
            Validators = { r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--limit must be at least 1, e.g. --limit 50"); } } },
        };
        var command = new Command("top",
            "Watch the cluster live: nodes by state, each host (lost or not, its nodes, restarts and capacity used), and the nodes with the most restarts, refreshed from the supervisor. Ctrl+C stops.\n\n" +
            "Example:\n  actors top --endpoint http://127.0.0.1:4040/\n  actors top --once --json\n\n" +
            "Exit codes: 0 ok, 1 failed, 2 usage, 3 supervisor unreachable.")
        {
            endpoint, once, json, interval, limit,
        };
        command.SetAction((parse, cancel) => run(async () =>
        {
            var client = new ControlClient(parse.GetValue(endpoint)!);
            var (asJson, max) = (parse.GetValue(json), parse.GetValue(limit));
            if (parse.GetValue(once) || asJson)
            {
                await PrintAsync(client, asJson, max, parse.GetValue(once), TimeSpan.FromSeconds(parse.GetValue(interval)), cancel);
                return;
            }

            await LiveAsync(client, max, TimeSpan.FromSeconds(parse.GetValue(interval)), cancel);
        }));
        return command;
    }

    private static async Task<TopFrame> FrameAsync(ControlClient client, int limit) =>
        TopFrame.Of(await client.NodesAsync(), await client.HostsAsync(), limit);

    private static async Task PrintAsync(ControlClient client, bool asJson, int limit, bool once, TimeSpan every, CancellationToken cancel)
    {
        do
        {
            var frame = await FrameAsync(client, limit);
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(frame, Json));
            }
            else
            {
                AnsiConsole.Write(Render(frame));
            }
        }
        while (!once && await Wait(every, cancel));
    }

    private static async Task LiveAsync(ControlClient client, int limit, TimeSpan every, CancellationToken cancel)
    {
        var first = await FrameAsync(client, limit);
        await AnsiConsole.Live(Render(first)).StartAsync(async live =>
        {
            while (await Wait(every, cancel))
            {
                live.UpdateTarget(Render(await FrameAsync(client, limit)));
            }
        });
    }

    /// <summary>Waits out the refresh interval (a pace, not an event to wait for); false once cancelled.</summary>
    private static async Task<bool> Wait(TimeSpan every, CancellationToken cancel)
    {
        try
        {
            await Task.Delay(every, cancel);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static IRenderable Render(TopFrame frame)
    {
        var states = string.Join("  ", frame.States.Select(s => $"{s.Value.ToString(CultureInfo.InvariantCulture)} {s.Key}"));
        var lost = frame.Hosts.Count(h => h.Lost);
        var summary = new Markup(Markup.Escape($"{frame.Nodes} nodes on {frame.Hosts.Count} hosts ({lost} lost)  {states}  {frame.Restarts} restarts  at {DateTime.Now:HH:mm:ss}"));
        var hosts = new Table().AddColumns("host", "state", "nodes", "up", "restarts", "memory MiB", "vCPUs");
        foreach (var h in frame.Hosts)
        {
            hosts.AddRow(Markup.Escape(h.Host), h.Lost ? "[red]lost[/]" : "[green]ok[/]", Number(h.Nodes),
                h.Up == h.Nodes ? $"[green]{h.Up}[/]" : $"[yellow]{h.Up}[/]", Number(h.Restarts),
                $"{h.UsedMemoryMib.ToString(CultureInfo.InvariantCulture)}/{h.MemoryMib.ToString(CultureInfo.InvariantCulture)}", $"{Number(h.UsedVCpus)}/{Number(h.VCpus)}");
        }

        var nodes = new Table().AddColumns("node", "service", "tenant", "host", "state", "uptime", "restarts");
        foreach (var n in frame.Top)
        {
            nodes.AddRow(Markup.Escape(n.Node), Markup.Escape(n.Service), Markup.Escape(n.Tenant ?? "-"), Markup.Escape(n.Host),
                n.State == "up" ? "[green]up[/]" : $"[yellow]{Markup.Escape(n.State)}[/]", TimeSpan.FromSeconds(n.UptimeSeconds).ToString(), Number(n.Restarts));
        }

        return new Rows(summary, hosts, nodes);
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}

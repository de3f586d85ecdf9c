using System.CommandLine;
using System.Text.Json;
using Actors.Cli;
using Spectre.Console;

var endpoint = new Option<Uri>("--endpoint")
{
    Description = "The cluster supervisor's control endpoint (default: ACTORS_ENDPOINT or http://127.0.0.1:4040/)",
    DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("ACTORS_ENDPOINT") ?? "http://127.0.0.1:4040/"),
    CustomParser = result =>
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"--endpoint '{text}' is not an http:// address, e.g. http://127.0.0.1:4040/");
        return null;
    },
};
var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
var ps = new Command("ps", "List the cluster's nodes: node, service, tenant, host, state, uptime, restarts, and the cluster address of each node that is up.\n\nExample:\n  actors ps --endpoint http://127.0.0.1:4040/") { endpoint, json };
ps.SetAction(parse => RunAsync(async () =>
{
    var nodes = await new ControlClient(parse.GetValue(endpoint)!).NodesAsync();
    if (parse.GetValue(json))
    {
        Console.WriteLine(JsonSerializer.Serialize(nodes, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        return;
    }

    var table = new Table().AddColumns("node", "service", "tenant", "host", "state", "uptime", "restarts", "address");
    foreach (var n in nodes)
    {
        table.AddRow(Markup.Escape(n.Node), Markup.Escape(n.Service), Markup.Escape(n.Tenant ?? "-"), Markup.Escape(n.Host),
            n.State == "up" ? "[green]up[/]" : Markup.Escape(n.State), TimeSpan.FromSeconds(n.UptimeSeconds).ToString(), n.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Markup.Escape(n.Address ?? "-"));
    }

    AnsiConsole.Write(table);
}));

var nodeArgument = new Argument<string>("node") { Description = "The node to kill, as actors ps names it (e.g. greeter-1)" };
var kill = new Command("kill", "Destroy a node's domain at once; its supervisor restarts it as after any crash.\n\nExample:\n  actors kill greeter-1") { nodeArgument, endpoint };
kill.SetAction(parse => RunAsync(async () =>
{
    var name = parse.GetValue(nodeArgument)!;
    var host = await new ControlClient(parse.GetValue(endpoint)!).KillAsync(name);
    Console.WriteLine($"killed {name} on {host}");
}));

var logNode = new Argument<string>("node") { Description = "The node whose log to print, as actors ps names it (e.g. greeter-1)" };
var lines = new Option<int>("--lines") { Description = "How many of the last lines (default 100)", DefaultValueFactory = _ => 100 };
var logs = new Command("logs", "Print the last lines of a node's log (a process's output, a VM's console) from its host.\n\nExample:\n  actors logs greeter-1 --lines 20") { logNode, lines, endpoint };
logs.SetAction(parse => RunAsync(async () =>
{
    if (parse.GetValue(lines) < 1)
    {
        throw new CliException($"--lines {parse.GetValue(lines)}: give 1 or more", ExitCodes.Usage);
    }

    foreach (var line in await new ControlClient(parse.GetValue(endpoint)!).LogsAsync(parse.GetValue(logNode)!, parse.GetValue(lines)))
    {
        Console.WriteLine(line);
    }
}));

var root = new RootCommand("actors: bake services into images and operate an Actors cluster.\nExit codes: 0 ok, 1 failed, 2 usage, 3 supervisor unreachable, 4 no such node, 5 image failed verification.")
{
    ProjectCommands.New(RunAsync), ProjectCommands.Run(RunAsync), ImageCommands.Build(RunAsync), ImageCommands.Verify(RunAsync),
    CertsCommand.Create(RunAsync), DeployCommand.Create(RunAsync), ps, kill, logs, TopCommand.Create(endpoint, RunAsync),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("see 'actors --help'");
    return ExitCodes.Usage;
}

return await parsed.InvokeAsync();

static async Task<int> RunAsync(Func<Task> action)
{
    try
    {
        await action();
        return ExitCodes.Ok;
    }
    catch (CliException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return e.ExitCode;
    }
}

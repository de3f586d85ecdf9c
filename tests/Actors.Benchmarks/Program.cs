using Actors.Benchmarks;
using Spectre.Console;

if (args is [FirstLine.Argument])
{
    Console.WriteLine("up");
    return 0;
}

IScenario[] scenarios =
[
    new MessagingScenario(), new LibvirtScenario(), new BootScenario(), new ChurnScenario(), new DensityScenario(), new ReactionScenario(), new ImageScenario(), new ClusterScenario(),
];

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: dotnet run -c Release --project tests/Actors.Benchmarks -- <scenario> [--json]");
    Console.WriteLine();
    foreach (var s in scenarios)
    {
        Console.WriteLine($"  {s.Name,-12} {s.Description}");
    }

    return args.Length == 0 ? 2 : 0;
}

var scenario = scenarios.FirstOrDefault(s => s.Name == args[0]);
if (scenario is null)
{
    Console.Error.WriteLine($"error: unknown scenario '{args[0]}'; scenarios: {string.Join(", ", scenarios.Select(s => s.Name))}");
    return 2;
}

var json = args.Contains("--json");
var results = await scenario.RunAsync(line =>
{
    if (!json)
    {
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
    }
});
Report.Write(scenario.Name, results, json);
return 0;

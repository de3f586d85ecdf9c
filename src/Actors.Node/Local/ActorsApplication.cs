using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace Actors.Node;

/// <summary>The entry point of an application written with Actors. With no <c>--service</c> it runs every
/// service as in-process nodes of one local cluster (<c>dotnet run</c>); with <c>--service NAME</c> it runs one
/// node of that service, the way a process or a VM image runs it.</summary>
public static class ActorsApplication
{
    /// <summary>Exit code when the arguments or the configuration are wrong.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code when a node stopped because its service's root supervisor gave up.</summary>
    public const int ServiceFailed = 3;

    /// <summary>Parses <paramref name="args"/> and runs the application until Ctrl+C, SIGTERM or <c>--for</c>.</summary>
    public static async Task<int> RunAsync(string[] args, params IReadOnlyList<ServiceSpec> services)
    {
        var forOption = new Option<TimeSpan?>("--for")
        {
            Description = "Stop after this long, e.g. 10s or 2m (default: run until Ctrl+C)",
            CustomParser = r => ParseDuration(r),
        };
        var eventsOption = new Option<string>("--events")
        {
            Description = "How to print runtime events: text (readable columns) or json (one object per line)",
            DefaultValueFactory = _ => "text",
        };
        eventsOption.AcceptOnlyFromAmong("text", "json");
        var serviceOption = new Option<string?>("--service")
        {
            Description = $"Run one node of this service instead of the whole local cluster; one of: {string.Join(", ", services.Select(s => s.Name))}",
        };
        var shellOption = new Option<string?>("--shell")
        {
            Description = "Start as a warm shell listening on PORT (or ADDRESS:PORT) until asked to become a node of one service",
        };
        var root = new RootCommand(
            "Runs the application's services as one local cluster of in-process nodes, or one node of one service.\n" +
            "Node settings may follow as --node:KEY=VALUE (e.g. --node:port=4053 --node:seeds:0=akka.tcp://actors@127.0.0.1:4053)\n" +
            "or come from environment variables ACTORS_NODE__KEY.\n\n" +
            "Examples:\n  dotnet run -- --for 10s --events json\n  dotnet run -- --service greeter --node:port=4053")
        {
            forOption, eventsOption, serviceOption, shellOption,
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(async (parse, _) =>
        {
            var unknown = parse.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-') && !t.StartsWith("--node:", StringComparison.Ordinal));
            if (unknown is not null)
            {
                return Fail($"unknown option '{unknown}'; see --help");
            }

            try
            {
                IConfiguration Configuration(IReadOnlyDictionary<string, string>? settings = null) => new ConfigurationBuilder()
                    .AddEnvironmentVariables("ACTORS_")
                    .AddCommandLine([.. parse.UnmatchedTokens])
                    .AddInMemoryCollection(ShellSettings.ToConfiguration(settings))
                    .Build();
                var run = new RunSettings(
                    NodeOptions.Bind(Configuration()),
                    parse.GetValue(forOption),
                    new EventWriter(Console.Out, parse.GetValue(eventsOption) == "json"));
                return (parse.GetValue(shellOption), parse.GetValue(serviceOption)) switch
                {
                    ({ } shell, _) => await NodeRunner.RunShellAsync(ShellSettings.Endpoint(shell), services, s => NodeOptions.Bind(Configuration(s)), run),
                    (_, { } name) => await NodeRunner.RunOneAsync(Find(services, name), services, run),
                    _ => await NodeRunner.RunLocalClusterAsync(services, run),
                };
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return Fail(e.Message);
            }
        });

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return Fail(string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.'))) + "; see --help");
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private static ServiceSpec Find(IReadOnlyList<ServiceSpec> services, string name) =>
        services.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"--service '{name}' is not a service of this application; services: {string.Join(", ", services.Select(s => s.Name))}");

    private static TimeSpan? ParseDuration(System.CommandLine.Parsing.ArgumentResult result)
    {
        try
        {
            return Durations.Parse(result.Tokens.Single().Value);
        }
        catch (ArgumentException e)
        {
            result.AddError($"--for: {e.Message}");
            return null;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return UsageError;
    }
}

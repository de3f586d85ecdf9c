using System.Diagnostics;
using System.Text.Json;
using Actors.Hypervisor;

namespace Actors.Benchmarks;

/// <summary>Process nodes for the boot and reaction scenarios: the Hello example's greeter run by the
/// <c>process://</c> driver, the trivial program that is their baseline, and the node's own event log.</summary>
internal static class ProcessNodes
{
    /// <summary>The application the process nodes run (copied next to the benchmarks).</summary>
    public static string HelloProgram { get; } = Path.Combine(AppContext.BaseDirectory, "Hello.dll");

    /// <summary>Where the driver keeps the nodes' logs.</summary>
    public static string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "actors-bench");

    /// <summary>Join settings for local clusters: gossip and leader actions every 200 ms instead of 1 s.</summary>
    public static IReadOnlyDictionary<string, string> FastJoin { get; } = new Dictionary<string, string>
    {
        ["ACTORS_NODE__GOSSIPINTERVAL"] = "00:00:00.200",
        ["ACTORS_NODE__LEADERACTIONSINTERVAL"] = "00:00:00.200",
    };

    /// <summary>A greeter node that joins <paramref name="seed"/> with the role <c>bench:{name}</c>.</summary>
    public static DomainSpec Greeter(string name, string seed, string clusterName = "actors") => new()
    {
        Name = name,
        Service = "greeter",
        Image = HelloProgram,
        Arguments = ["--service", "greeter", "--events", "json"],
        Environment = new Dictionary<string, string>(FastJoin)
        {
            ["ACTORS_NODE__SEEDS__0"] = seed,
            ["ACTORS_NODE__CLUSTERNAME"] = clusterName,
            ["ACTORS_NODE__ROLES__0"] = Role(name),
        },
    };

    public static string Role(string name) => $"bench:{name}";

    /// <summary>Starts a trivial .NET program (this one, told to print one line and exit) and times its first line.</summary>
    public static async Task<TimeSpan> TrivialFirstLineAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(ProcessNodes).Assembly.Location);
        start.ArgumentList.Add(FirstLine.Argument);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadLineAsync();
        var elapsed = watch.Elapsed;
        await process.WaitForExitAsync();
        return elapsed;
    }

    /// <summary>The first time each of <paramref name="events"/> was logged by the node <paramref name="name"/> at
    /// or after <paramref name="since"/>, as offsets from it in milliseconds (NaN when not logged).</summary>
    public static Dictionary<string, double> LoggedAfter(string name, DateTimeOffset since, params string[] events)
    {
        var found = events.ToDictionary(e => e, _ => double.NaN);
        var path = Path.Combine(StateDirectory, $"{name}.log");
        foreach (var line in File.Exists(path) ? File.ReadLines(path) : [])
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var ev = json.RootElement.GetProperty("event").GetString()!;
            var ts = json.RootElement.GetProperty("ts").GetDateTimeOffset();
            if (ts >= since && found.TryGetValue(ev, out var seen) && double.IsNaN(seen))
            {
                found[ev] = (ts - since).TotalMilliseconds;
            }
        }

        return found;
    }
}

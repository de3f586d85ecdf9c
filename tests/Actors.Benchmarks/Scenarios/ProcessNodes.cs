using System.Diagnostics;
using System.Text.Json;
using Actors.Hypervisor;
using Actors.Images;
using Actors.Node;

namespace Actors.Benchmarks;

/// <summary>Process nodes for the boot and reaction scenarios: the Hello example's greeter run by the
/// <c>process://</c> driver, the trivial program that is their baseline, and the node's own event log.</summary>
internal static class ProcessNodes
{
    /// <summary>The Hello example as built next to the benchmarks: compiled just in time when a node starts.</summary>
    public static string JitProgram { get; } = Path.Combine(AppContext.BaseDirectory, "Hello.dll");

    /// <summary>The application the process nodes run: <see cref="JitProgram"/> until <see cref="UseReadyToRunAsync"/>
    /// has published examples/Hello ReadyToRun, as <c>actors deploy</c> runs an application on process hosts.</summary>
    public static string HelloProgram { get; private set; } = JitProgram;

    /// <summary>Publishes examples/Hello ReadyToRun (once per run) and makes it <see cref="HelloProgram"/>.</summary>
    public static async Task UseReadyToRunAsync(Action<string> progress)
    {
        if (HelloProgram != JitProgram)
        {
            return;
        }

        progress("publishing examples/Hello ReadyToRun, as actors deploy does for process hosts");
        HelloProgram = await Dotnet.PublishReadyToRunAsync(TestSupport.Repository.Path("examples", "Hello", "Hello.csproj"), Path.Combine(StateDirectory, "hello-readytorun"));
    }

    /// <summary>Where the driver keeps the nodes' logs.</summary>
    public static string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "actors-bench");

    /// <summary>Gossip and leader-actions interval of every member in these scenarios: a join takes about two of
    /// them (leader moves the joiner to Up, gossip spreads it), so 50 ms instead of Akka's 1 s or the local
    /// cluster's 200 ms; a loopback cluster of a few members pays little for the extra gossip.</summary>
    public static readonly TimeSpan JoinInterval = TimeSpan.FromMilliseconds(50);

    /// <summary><see cref="JoinInterval"/> as a launched node's environment.</summary>
    public static IReadOnlyDictionary<string, string> FastJoin { get; } = new Dictionary<string, string>
    {
        ["ACTORS_NODE__GOSSIPINTERVAL"] = JoinInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["ACTORS_NODE__LEADERACTIONSINTERVAL"] = JoinInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Options of the in-process member that process nodes join (the seed and leader), at <see cref="JoinInterval"/>.</summary>
    public static NodeOptions SeedOptions { get; } = LocalCluster.NodeOptions(1) with { GossipInterval = JoinInterval, LeaderActionsInterval = JoinInterval };

    /// <summary>A greeter node that joins <paramref name="seed"/> with the role <c>bench:{name}</c>.</summary>
    public static DomainSpec Greeter(string name, string seed, string clusterName = "actors", string? program = null) => new()
    {
        Name = name,
        Service = "greeter",
        Image = program ?? HelloProgram,
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

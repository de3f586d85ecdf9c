using System.Diagnostics;
using System.Text.Json;
using Actors.TestSupport;
using Xunit.Abstractions;

namespace Actors.Cli.Tests;

/// <summary><c>deploy/local-cluster.sh up</c> brings up hosts in network namespaces with greeter nodes booted as QEMU
/// microVMs on two of them, and <c>down</c> leaves no namespace, link, QEMU or state file behind. Root only (it makes
/// namespaces, veths and a bridge); one greeter per host keeps it to two VMs.</summary>
[Collection(DotnetBuildsCollection.Name)]
public sealed class LocalClusterScriptTests(ITestOutputHelper output)
{
    private static readonly string Script = Repository.Path("deploy", "local-cluster.sh");
    private readonly string _state = $"/run/actors-local-test-{Guid.NewGuid():N}"[..30];
    private readonly int _port = Ports.FreeLoopback();

    [SkippableFact]
    public async Task Up_boots_nodes_on_two_hosts_and_down_leaves_nothing_behind()
    {
        Skip.IfNot(Environment.UserName == "root", "the local cluster makes network namespaces, veths and a bridge, which needs root");
        Skip.If(Namespaces().Count > 0, $"a local cluster is already up here ({string.Join(", ", Namespaces())}); deploy/local-cluster.sh down removes it");
        var clock = Stopwatch.StartNew();
        try
        {
            var up = await RunScriptAsync(TimeSpan.FromMinutes(12), "up", "--service", "greeter", "--timeout", "360");
            output.WriteLine($"up: {clock.Elapsed.TotalSeconds:F0} s\n{up.Out}\n{up.Err}");
            Assert.True(up.Code == 0, $"up failed ({up.Code}):\n{up.Out}\n{up.Err}\n{DeployLog()}");
            Assert.NotEmpty(Namespaces());

            var ps = await Cli.ActorsAsync("ps", "--json", "--endpoint", $"http://127.0.0.1:{_port}/");
            Assert.True(ps.Code == 0, ps.Err);
            var up2 = JsonDocument.Parse(ps.Out).RootElement.EnumerateArray()
                .Where(n => n.GetProperty("state").GetString() == "up")
                .Select(n => (Node: n.GetProperty("node").GetString(), Host: n.GetProperty("host").GetString()))
                .ToList();
            Assert.True(up2.Select(n => n.Host).Distinct().Count() >= 2, ps.Out);
            Assert.All(up2, n => Assert.StartsWith("greeter-", n.Node, StringComparison.Ordinal));
            Assert.NotEmpty(ClusterProcesses());
        }
        finally
        {
            clock.Restart();
            var down = await RunScriptAsync(TimeSpan.FromMinutes(3), "down");
            output.WriteLine($"down: {clock.Elapsed.TotalSeconds:F0} s\n{down.Out}\n{down.Err}");
            Assert.True(down.Code == 0, $"down failed ({down.Code}):\n{down.Out}\n{down.Err}");
        }

        Assert.Empty(Namespaces());
        Assert.Empty(Links());
        Assert.Empty(ClusterProcesses());
        Assert.False(Directory.Exists(_state), $"{_state} is left");
        var again = await RunScriptAsync(TimeSpan.FromMinutes(1), "down");
        Assert.True(again.Code == 0, $"a second down failed:\n{again.Out}\n{again.Err}");
    }

    [Fact]
    public async Task An_unknown_command_or_argument_is_a_usage_error_naming_it()
    {
        var bad = await RunScriptAsync(TimeSpan.FromMinutes(1), "sideways");
        var unknown = await RunScriptAsync(TimeSpan.FromMinutes(1), "up", "--colour", "blue");

        Assert.Equal(2, bad.Code);
        Assert.Contains("error: say up or down", bad.Err, StringComparison.Ordinal);
        Assert.Equal(2, unknown.Code);
        Assert.Contains("error: unknown argument '--colour'", unknown.Err, StringComparison.Ordinal);
    }

    private Task<(int Code, string Out, string Err)> RunScriptAsync(TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("bash", [Script, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["ACTORS"] = $"dotnet {Cli.Actors}";
        info.Environment["ACTORS_LOCAL_STATE"] = _state;
        info.Environment["ACTORS_LOCAL_CONTROL_PORT"] = $"{_port}";
        return Cli.RunAsync(info, timeout);
    }

    private string DeployLog()
    {
        var log = Path.Combine(_state, "deploy.log");
        var consoles = Directory.Exists(Path.Combine(_state, "vms"))
            ? string.Join('\n', Directory.GetFiles(Path.Combine(_state, "vms"), "*.console.log").Select(f => $"-- {f}\n{File.ReadAllText(f)}"))
            : string.Empty;
        return (File.Exists(log) ? File.ReadAllText(log) : "(no deploy log)") + "\n" + consoles;
    }

    // The script's names: namespaces actors-hN, links actors-hN (the root ends of the veths) and actors-br0.
    private static List<string> Namespaces() =>
        [.. Directory.Exists("/run/netns") ? Directory.GetFiles("/run/netns").Select(Path.GetFileName).OfType<string>().Where(IsOurs) : []];

    private static List<string> Links() => [.. Directory.GetDirectories("/sys/class/net").Select(Path.GetFileName).OfType<string>().Where(n => IsOurs(n) || n == "actors-br0")];

    private static bool IsOurs(string name) => name.StartsWith("actors-h", StringComparison.Ordinal) && name[8..].All(char.IsAsciiDigit) && name.Length > 8;

    // The supervisor names its cluster file, and each QEMU its QMP socket, under the state directory.
    private List<int> ClusterProcesses() =>
        [.. Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && CommandLine(pid).Contains(_state, StringComparison.Ordinal))];

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}

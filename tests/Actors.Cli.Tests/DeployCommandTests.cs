using System.Diagnostics;
using Actors.TestSupport;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Actors.Cli.Tests;

/// <summary><c>actors deploy</c> runs the supervisor for examples/Hello on one process:// host; <c>actors ps</c> sees
/// its nodes; SIGTERM stops them all, leaving no node process behind.</summary>
[Collection(DotnetBuildsCollection.Name)]
public sealed class DeployCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "actors-tests", $"deploy-{Guid.NewGuid():N}"[..14]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Deploy_boots_every_node_ps_lists_them_and_sigterm_stops_them_all()
    {
        Directory.CreateDirectory(_dir);
        var port = Ports.FreeLoopback();
        var cluster = Path.Combine(_dir, "cluster.json");
        await File.WriteAllTextAsync(cluster, $$"""
            { "control": { "listen": "http://127.0.0.1:{{port}}/" },
              "hosts": [ { "name": "local", "driver": "process://", "capacity": { "memoryMiB": 4096, "vcpus": 4 } } ] }
            """);
        var clusterName = $"deploy{Guid.NewGuid():N}"[..16];
        var info = new ProcessStartInfo("dotnet", [Cli.Actors, "deploy", "--cluster", cluster, "--project", Repository.Path("examples", "Hello"),
            "--state", Path.Combine(_dir, "state"), "--for", "5m", $"--node:clusterName={clusterName}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var deploy = new Process { StartInfo = info };
        var lines = new AwaitableLog<string>();
        deploy.OutputDataReceived += (_, e) => lines.Add(e.Data ?? "(end)");
        deploy.Start();
        deploy.BeginOutputReadLine();
        var stderr = deploy.StandardError.ReadToEndAsync();
        try
        {
            // A process host: deploy publishes the application ReadyToRun into its state directory first.
            await lines.WaitForAsync(l => l.StartsWith("published ReadyToRun", StringComparison.Ordinal) || l == "(end)", TimeSpan.FromMinutes(5));
            var published = Path.Combine(_dir, "state", "app", "Hello.dll");
            Assert.True(File.Exists(published), string.Join('\n', lines.All) + (deploy.HasExited ? await stderr : string.Empty));

            // ps is asked until the three nodes are up (each ask is a process start, ~0.3 s), at most 200 times.
            var nodes = new List<(string? Node, string? State)>();
            for (var i = 0; i < 200 && !deploy.HasExited && !(nodes.Count == 3 && nodes.All(n => n.State == "up")); i++)
            {
                var ps = await Cli.ActorsAsync("ps", "--json", "--endpoint", $"http://127.0.0.1:{port}/");
                nodes = ps.Code != 0 ? [] : [.. JsonDocument.Parse(ps.Out).RootElement.EnumerateArray()
                    .Select(n => (Node: n.GetProperty("node").GetString(), State: n.GetProperty("state").GetString())).OrderBy(n => n.Node)];
            }

            Assert.True(nodes.Count == 3, string.Join('\n', lines.All) + (deploy.HasExited ? await stderr : string.Empty));
            Assert.Equal([("front-1", "up"), ("greeter-1", "up"), ("greeter-2", "up")], nodes);

            var log = await Cli.ActorsAsync("logs", "greeter-1", "--lines", "500", "--endpoint", $"http://127.0.0.1:{port}/");
            Assert.True(log.Code == 0, log.Err);
            // The node's service starts before it joins, so its first child's start is in its log once it is Up
            // (its own node.up line may follow the supervisor's view by a moment).
            Assert.Contains("\"event\":\"child.start\",\"service\":\"greeter\",\"node\":\"greeter-1@", log.Out);
            var missing = await Cli.ActorsAsync("logs", "nobody", "--endpoint", $"http://127.0.0.1:{port}/");
            Assert.Equal(4, missing.Code);
            Assert.Contains("no node named 'nobody'", missing.Err);

            var nodeProcesses = NodeProcesses(clusterName);
            Assert.NotEmpty(nodeProcesses);
            Assert.All(nodeProcesses, pid => Assert.Contains(published, CommandLine(pid)));
            Assert.True(HasReadyToRunCode(Path.Combine(_dir, "state", "app", "Akka.dll")), "the published Akka.dll has no ReadyToRun code");
            Assert.False(HasReadyToRunCode(Path.Combine(Path.GetDirectoryName(typeof(Akka.Actor.ActorSystem).Assembly.Location)!, "Akka.dll")), "NuGet's Akka.dll already had ReadyToRun code");
            Posix.Kill(deploy.Id, Posix.SigTerm);
            await deploy.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.True(deploy.ExitCode == 0, string.Join('\n', lines.All) + await stderr);
            Assert.Contains(lines.All, l => l.StartsWith("SIGTERM: stopping every node", StringComparison.Ordinal));
            Assert.Empty(NodeProcesses(clusterName));
        }
        finally
        {
            if (!deploy.HasExited)
            {
                deploy.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task A_bad_cluster_file_is_a_usage_error_naming_the_file_and_line()
    {
        Directory.CreateDirectory(_dir);
        var cluster = Path.Combine(_dir, "cluster.json");
        await File.WriteAllTextAsync(cluster, "{\n  \"placement\": \"sideways\",\n  \"hosts\": []\n}\n");

        var result = await Cli.ActorsAsync("deploy", "--cluster", cluster, "--project", Repository.Path("examples", "Hello"));

        Assert.Equal(2, result.Code);
        Assert.Contains($"{cluster}:2", result.Err);
        Assert.Contains("sideways", result.Err);
    }

    [Fact]
    public async Task An_unknown_service_is_a_usage_error_listing_the_applications_services()
    {
        Directory.CreateDirectory(_dir);
        var cluster = Path.Combine(_dir, "cluster.json");
        await File.WriteAllTextAsync(cluster, """{ "hosts": [ { "name": "local", "driver": "process://", "capacity": { "memoryMiB": 4096, "vcpus": 4 } } ] }""");

        var result = await Cli.ActorsAsync("deploy", "--cluster", cluster, "--project", Repository.Path("examples", "Hello"), "--no-build", "--service", "greter");

        Assert.Equal(2, result.Code);
        Assert.Contains("--service greter: the application has no such service; it has greeter, front", result.Err);
    }

    // Node processes carry the cluster's name in their environment (ACTORS_NODE__CLUSTERNAME).
    private static List<int> NodeProcesses(string clusterName) =>
        [.. Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0 && Environ(pid).Contains($"ACTORS_NODE__CLUSTERNAME={clusterName}", StringComparison.Ordinal))];

    private static string CommandLine(int pid) => File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');

    private static bool HasReadyToRunCode(string assembly)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static string Environ(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

}

internal static partial class Posix
{
    public const int SigTerm = 15;

    public static void Kill(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed");
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}

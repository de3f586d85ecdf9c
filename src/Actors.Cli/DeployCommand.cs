using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Actors.Images;
using Actors.Node;
using Actors.Supervision;
using Microsoft.Extensions.Configuration;

namespace Actors.Cli;

/// <summary><c>actors deploy</c>: runs the cluster supervisor for an application over a cluster file's hosts, in the
/// foreground, until Ctrl+C or SIGTERM (then every node stops gracefully).</summary>
internal static class DeployCommand
{
    public static Command Create(Func<Func<Task>, Task<int>> run)
    {
        var cluster = new Option<string>("--cluster") { Description = "The cluster file: hosts, placement, control endpoint (see deploy/cluster.example.json)", Required = true };
        var project = new Option<string>("--project")
        {
            Description = "The application's project; published ReadyToRun, and its nodes run from that (process hosts) or from its images (VM hosts)",
            Required = true,
        };
        var images = new Option<string?>("--images") { Description = "Directory of baked images, one per service (actors build --out), for VM hosts" };
        var state = new Option<string?>("--state") { Description = "Where drivers keep state and node logs (default: ~/.cache/actors/state)" };
        var forOption = new Option<string?>("--for") { Description = "Stop after this long, e.g. 30s (default: until Ctrl+C or SIGTERM)" };
        var noBuild = new Option<bool>("--no-build") { Description = "Use the project's existing Release build instead of building it" };
        var jit = new Option<bool>("--jit")
        {
            Description = "Run process nodes from a plain Release build, compiled just in time, instead of a ReadyToRun publish: " +
                "a faster deploy (no precompiling), a slower node boot (about 760 ms instead of 460 ms to member Up here)",
        };
        var standby = new Option<bool>("--standby")
        {
            Description = "Join a running cluster's control nodes (give --node:seeds:0=akka.tcp://actors@HOST:PORT) as a standby supervisor: " +
                "it takes over, adopting the running nodes, if the active control node dies",
        };
        var only = new Option<string[]>("--service") { Description = "Supervise only this service (repeatable; default: every service of the application)" };
        var command = new Command("deploy",
            "Run the cluster supervisor for an application over the hosts of a cluster file: boot every node, restart what dies, " +
            "move nodes off lost hosts, serve actors ps / kill / top. Node settings follow as --node:KEY=VALUE (e.g. --node:port=4053).\n\n" +
            "Example:\n  actors deploy --cluster deploy/local.json --project examples/Hello\n  actors ps")
        {
            cluster, project, images, state, forOption, noBuild, jit, standby, only,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => run(async () =>
        {
            ClusterFile file;
            try
            {
                file = ClusterFile.Load(parse.GetValue(cluster)!);
            }
            catch (ClusterFileException e)
            {
                throw new CliException(e.Message, ExitCodes.Usage);
            }

            // Every argument is checked before the build, which may take a minute, so that a typo is reported at once.
            var duration = Duration(parse.GetValue(forOption));
            var node = Options(parse.UnmatchedTokens);
            var stateDirectory = parse.GetValue(state) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "actors", "state");
            var clock = Stopwatch.StartNew();
            var build = parse.GetValue(noBuild) ? Build.None : parse.GetValue(jit) || !file.Hosts.Any(h => h.Uri.StartsWith("process:", StringComparison.Ordinal)) ? Build.Jit : Build.ReadyToRun;
            var program = await BuildAsync(parse.GetValue(project)!, build, Path.Combine(stateDirectory, "app"));
            Console.WriteLine($"{(build == Build.ReadyToRun ? "published ReadyToRun" : "built")} {program} in {clock.Elapsed.TotalSeconds:F1} s");
            var services = Only(LoadServices(program), parse.GetValue(only) ?? []);
            var events = new EventWriter(Console.Out, json: false);
            var launch = new NodeLaunch { Program = program, ImageDirectory = parse.GetValue(images) is { } i ? Path.GetFullPath(i) : null };

            using var stop = duration is { } d ? new CancellationTokenSource(d) : new CancellationTokenSource();
            var why = duration is { } limit ? $"--for {limit} passed" : "stopped";
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; why = "SIGTERM"; stop.Cancel(); });
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; why = "SIGINT"; stop.Cancel(); });
            var isStandby = parse.GetValue(standby);
            ClusterDeployment started;
            try
            {
                started = await ClusterDeployment.StartAsync(file, services, launch, node, stateDirectory, events.Write, standby: isStandby);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, ExitCodes.Usage);
            }

            await using var deployment = started;
            if (isStandby)
            {
                Console.WriteLine($"standby control node {deployment.Node.Address}: takes over the supervisor if the active control node dies");
                _ = deployment.Active.ContinueWith(a => Console.WriteLine($"active: control endpoint {a.Result.Endpoint?.Url}; adopted {a.Result.Adoption.Adopted.Count}"),
                    TaskContinuationOptions.OnlyOnRanToCompletion);
            }
            else
            {
                Console.WriteLine($"supervising {string.Join(", ", services.Select(s => s.Name))} on {file.Hosts.Count} host(s); " +
                    $"control endpoint and dashboard {deployment.Endpoint?.Url} (actors ps --endpoint {deployment.Endpoint?.Url}); " +
                    $"metrics {file.Metrics}metrics; adopted {deployment.Adoption?.Adopted.Count ?? 0}");
            }

            await Task.WhenAny(Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default), deployment.Node.Terminated);
            Console.WriteLine($"{(deployment.Node.Terminated.IsCompleted ? "the control node stopped" : why)}: stopping every node");
        }));
        return command;
    }

    private static TimeSpan? Duration(string? text)
    {
        try
        {
            return text is null ? null : Durations.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--for {e.Message}", ExitCodes.Usage);
        }
    }

    private static NodeOptions Options(IEnumerable<string> tokens)
    {
        var unknown = tokens.FirstOrDefault(t => !t.StartsWith("--node:", StringComparison.Ordinal));
        if (unknown is not null)
        {
            throw new CliException($"unknown argument '{unknown}'; see actors deploy --help", ExitCodes.Usage);
        }

        try
        {
            return NodeOptions.Bind(new ConfigurationBuilder().AddEnvironmentVariables("ACTORS_").AddCommandLine([.. tokens]).Build());
        }
        // InvalidOperationException: the configuration binder's "cannot convert 'abc' at 'node:Port'".
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CliException(e.Message, ExitCodes.Usage);
        }
    }

    private enum Build
    {
        /// <summary>The project's existing Release build.</summary>
        None,

        /// <summary>A Release build, compiled just in time when a node starts.</summary>
        Jit,

        /// <summary>A ReadyToRun publish to the state directory: what process nodes boot fastest from.</summary>
        ReadyToRun,
    }

    /// <summary>Builds or publishes the project and returns its program's path.</summary>
    private static async Task<string> BuildAsync(string project, Build build, string publishTo)
    {
        if (!File.Exists(project) && !Directory.Exists(project))
        {
            throw new CliException($"--project '{project}' does not exist", ExitCodes.Usage);
        }

        if (build == Build.ReadyToRun)
        {
            Console.WriteLine($"publishing {project} ReadyToRun to {publishTo} (process nodes boot from it; --jit skips this)");
            try
            {
                return await Dotnet.PublishReadyToRunAsync(project, publishTo);
            }
            catch (InvalidOperationException e)
            {
                throw new CliException(e.Message, ExitCodes.Failed);
            }
        }

        var path = (await DotnetAsync(["msbuild", project, "-getProperty:TargetPath", "-p:Configuration=Release", "-nologo"])).Trim();
        if (build == Build.Jit)
        {
            await DotnetAsync(["build", project, "-c", "Release", "-nologo", "-v", "quiet"]);
        }

        return File.Exists(path) ? path
            : throw new CliException(build == Build.Jit ? $"building '{project}' gave no {path}" : $"'{project}' has no Release build ({path}); drop --no-build", ExitCodes.Failed);
    }

    private static IReadOnlyList<ServiceSpec> Only(IReadOnlyList<ServiceSpec> services, string[] names)
    {
        var unknown = names.FirstOrDefault(n => services.All(s => s.Name != n));
        return unknown is not null
            ? throw new CliException($"--service {unknown}: the application has no such service; it has {string.Join(", ", services.Select(s => s.Name))}", ExitCodes.Usage)
            : names.Length == 0 ? services : [.. services.Where(s => names.Contains(s.Name))];
    }

    private static IReadOnlyList<ServiceSpec> LoadServices(string program)
    {
        try
        {
            return ServiceCatalogs.Load(Path.GetDirectoryName(program)!);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage);
        }
    }

    private static async Task<string> DotnetAsync(string[] args)
    {
        try
        {
            return await Dotnet.RunAsync(args);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message, ExitCodes.Failed);
        }
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Actors.Images;

/// <summary>Runs the .NET SDK on its own (no build server, no MSBuild settings inherited from a parent build such
/// as a test host or an IDE, which can stall a nested build for minutes) and turns a failure into one error
/// carrying its own error lines.</summary>
public static class Dotnet
{
    /// <summary>Runs <c>dotnet <paramref name="args"/></c> and returns its standard output; throws
    /// <see cref="InvalidOperationException"/> with the error lines when it fails.</summary>
    public static async Task<string> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("dotnet", [.. args, "-nodeReuse:false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var lines = $"{await stdout}\n{await stderr}".Split('\n')
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim()).Distinct().Take(10);
            throw new InvalidOperationException($"dotnet {args[0]} {(args.Count > 1 ? args[1] : string.Empty)} failed ({process.ExitCode}):\n  {string.Join("\n  ", lines)}");
        }

        return await stdout;
    }

    /// <summary>Publishes <paramref name="project"/> in Release to <paramref name="output"/> framework-dependent and
    /// ReadyToRun for this machine's runtime (every assembly, Akka's included, carries precompiled code, so a process
    /// node skips most of its start-up JIT) and returns the published program's path.</summary>
    public static async Task<string> PublishReadyToRunAsync(string project, string output, CancellationToken cancellationToken = default)
    {
        var program = (await RunAsync(["msbuild", project, "-getProperty:TargetFileName", "-p:Configuration=Release", "-nologo"], cancellationToken)).Trim();
        // The portable runtime id (linux-x64): a distribution's own SDK may report a distribution-specific one.
        var runtime = $"linux-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
        await PublishAsync(project, output, ["-r", runtime, "--self-contained", "false", "-p:PublishReadyToRun=true"], cancellationToken);
        var path = Path.Combine(output, program);
        return File.Exists(path) ? path : throw new InvalidOperationException($"publishing '{project}' gave no {path}");
    }

    /// <summary>Publishes <paramref name="project"/> in Release to <paramref name="output"/>.</summary>
    public static Task PublishAsync(string project, string output, IEnumerable<string> properties, CancellationToken cancellationToken) =>
        RunAsync(["publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet", .. properties], cancellationToken);
}

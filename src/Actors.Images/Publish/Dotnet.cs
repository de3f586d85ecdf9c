using System.Diagnostics;

namespace Actors.Images;

/// <summary>Runs the .NET SDK (<c>dotnet publish</c>) and turns a failure into one error carrying its own
/// error lines.</summary>
internal static class Dotnet
{
    public static async Task PublishAsync(string project, string output, IEnumerable<string> properties, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet", .. properties])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var lines = $"{await stdout}\n{await stderr}".Split('\n')
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim()).Distinct().Take(10);
            throw new InvalidOperationException($"dotnet publish {project} failed ({process.ExitCode}):\n  {string.Join("\n  ", lines)}");
        }
    }
}

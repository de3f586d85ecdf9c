using System.Diagnostics;

namespace Actors.Cli.Tests;

/// <summary>Runs a program to its end and keeps what it printed.</summary>
internal static class Cli
{
    public static string Actors => Path.Combine(AppContext.BaseDirectory, "Actors.Cli.dll");

    public static async Task<(int Code, string Out, string Err)> RunAsync(string program, IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static Task<(int Code, string Out, string Err)> ActorsAsync(params string[] args) => RunAsync("dotnet", [Actors, .. args]);
}

using System.Diagnostics;

namespace Actors.Cli.Tests;

/// <summary>Runs a program to its end and keeps what it printed.</summary>
internal static class Cli
{
    public static string Actors => Path.Combine(AppContext.BaseDirectory, "Actors.Cli.dll");

    public static Task<(int Code, string Out, string Err)> RunAsync(string program, IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null) =>
        RunAsync(new ProcessStartInfo(program, args) { WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory }, timeout);

    public static async Task<(int Code, string Out, string Err)> RunAsync(ProcessStartInfo info, TimeSpan? timeout = null)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
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
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static Task<(int Code, string Out, string Err)> ActorsAsync(params string[] args) => RunAsync("dotnet", [Actors, .. args]);
}

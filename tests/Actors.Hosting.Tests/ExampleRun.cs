using System.Diagnostics;

namespace Actors.Hosting.Tests;

/// <summary>Runs an example as a user would (<c>dotnet X.dll</c> from the example's own output directory, built
/// in the same configuration as the tests), bounded in time, and returns what it printed.</summary>
internal sealed record ExampleRun(int ExitCode, IReadOnlyList<string> Lines, string Stderr)
{
    public static async Task<ExampleRun> RunAsync(string example, TimeSpan limit, params string[] args)
    {
        // The tests run from tests/Actors.Hosting.Tests/bin/CONFIGURATION/TFM/; the example's output mirrors it.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Repository.Path("examples", example, "bin", output.Parent!.Name, output.Name, $"{example}.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ExampleRun(process.ExitCode, lines, await stderr);
    }

    /// <summary>The lines that start with <paramref name="verb"/>, split into words.</summary>
    public IReadOnlyList<string[]> Words(string verb) =>
        [.. Lines.Where(l => l.StartsWith(verb + " ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    public override string ToString() => $"exit {ExitCode}\n{string.Join('\n', Lines)}\nstderr: {Stderr}";
}

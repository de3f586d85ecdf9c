using System.Diagnostics;

namespace Actors.TestSupport;

/// <summary>Runs a system command for a test's set-up (ip netns, ip link...).</summary>
public static class Commands
{
    /// <summary>Runs <paramref name="program"/> and returns its output; throws with its error output if it fails or
    /// takes over 30 s.</summary>
    public static async Task<string> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return process.ExitCode == 0 ? await stdout : throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {await stderr}");
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Actors.Node.Tests;

/// <summary>One run of <c>dotnet Counter.dll --service counter</c> with the given store arguments, ready once it
/// printed its node.up event.</summary>
internal sealed class DurableCounterProcess : IDisposable
{
    private readonly Process _process;
    private readonly TimeSpan _timeout;

    private DurableCounterProcess(Process process, TimeSpan timeout)
    {
        _process = process;
        _timeout = timeout;
    }

    /// <summary>The lines the counter printed so far, for failure messages.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    public static async Task<DurableCounterProcess> StartAsync(int port, IEnumerable<string> store, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Counter.dll"), "--service", "counter", "--events", "json",
            $"--node:port={port}", "--node:gossipInterval=00:00:00.2", "--node:leaderActionsInterval=00:00:00.2",
        }.Concat(store))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var counter = new DurableCounterProcess(process, timeout);
        var stderr = process.StandardError.ReadToEndAsync();
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Drains stdout to the end so that the child never blocks on a full pipe, and keeps it for failure messages.
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                counter.Output.Enqueue(line);
                if (line.Contains("\"node.up\"", StringComparison.Ordinal))
                {
                    up.TrySetResult();
                }
            }

            up.TrySetException(new InvalidOperationException($"exited with {process.ExitCode}"));
        });
        try
        {
            await up.Task.WaitAsync(timeout);
            return counter;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            counter.Dispose();
            throw new Xunit.Sdk.XunitException($"the counter process never printed node.up ({e.Message}); stderr: {await stderr}");
        }
    }

    /// <summary>SIGKILL: nothing in the process gets a chance to flush or shut down cleanly.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(_timeout);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Counter;

namespace Actors.Node.Tests;

/// <summary>examples/Counter as a real OS process with its SQLite journal: every increment it acknowledged is still
/// there after a kill -9 and a restart.</summary>
public sealed class DurableCounterTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _data = Directory.CreateTempSubdirectory("actors-counter-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Acknowledged_increments_survive_kill_9_of_the_counters_process()
    {
        const int increments = 40;
        var port = FreePort();

        long acknowledged = 0;
        using (var first = await CounterProcess.StartAsync(port, _data))
        {
            var client = await JoinAsync(port, ordinal: 2);
            var counter = ServiceRef.To(client.System, CounterServices.Counter);
            for (var i = 0; i < increments; i++)
            {
                var counted = await AskAsync(counter, Increment.Instance, first);
                acknowledged++;
                Assert.Equal(acknowledged, counted.Value);
            }

            // SIGKILL right after the last acknowledgement: nothing gets a chance to flush or shut down cleanly.
            await first.KillAsync();
            await client.System.Terminate();
        }

        using var second = await CounterProcess.StartAsync(port, _data);
        var again = await JoinAsync(port, ordinal: 3);
        try
        {
            var counter = ServiceRef.To(again.System, CounterServices.Counter);
            Assert.Equal(acknowledged, (await AskAsync(counter, GetCount.Instance, second)).Value);
            Assert.Equal(acknowledged + 1, (await AskAsync(counter, Increment.Instance, second)).Value);
        }
        finally
        {
            await again.System.Terminate();
        }
    }

    private static async Task<Counted> AskAsync(IActorRef counter, object message, CounterProcess process)
    {
        try
        {
            return await counter.Ask<Counted>(message, Timeout);
        }
        catch (AskTimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"no answer to {message}; the counter printed:\n" + string.Join("\n", process.Output.TakeLast(40)));
        }
    }

    private static async Task<Node> JoinAsync(int port, int ordinal)
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await Node.StartAsync(TestServices.Caller,
            LocalCluster.NodeOptions(ordinal) with { Seeds = [$"akka.tcp://actors@127.0.0.1:{port}"] },
            CounterServices.Counter.MessageTypes, cancellationToken: cts.Token);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One run of <c>dotnet Counter.dll --service counter</c>, ready once it printed its node.up event.</summary>
    private sealed class CounterProcess : IDisposable
    {
        private readonly Process _process;

        private CounterProcess(Process process) => _process = process;

        public static async Task<CounterProcess> StartAsync(int port, string data)
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
                $"--node:port={port}", $"--node:persistence:dataDirectory={data}",
                "--node:gossipInterval=00:00:00.2", "--node:leaderActionsInterval=00:00:00.2",
            })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            var counter = new CounterProcess(process);
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
                await up.Task.WaitAsync(Timeout);
                return counter;
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                counter.Dispose();
                throw new Xunit.Sdk.XunitException($"the counter process never printed node.up ({e.Message}); stderr: {await stderr}");
            }
        }

        public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; } = new();

        public async Task KillAsync()
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(Timeout);
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
}

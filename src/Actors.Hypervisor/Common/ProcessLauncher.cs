using System.Collections.Concurrent;
using System.Diagnostics;

namespace Actors.Hypervisor;

/// <summary>Starts child processes (node processes, QEMUs) from one dedicated thread that lives as long as
/// this process. Drivers start children through <c>setpriv --pdeathsig KILL</c> so that they die with us; the
/// kernel sends that signal when the *thread* that forked them exits, so forking from a thread-pool thread
/// (which may retire) would kill children at random.</summary>
internal sealed class ProcessLauncher
{
    private static readonly Lazy<ProcessLauncher> Shared = new(() => new ProcessLauncher());
    private readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Done)> _queue = [];

    private ProcessLauncher()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "actors-process-launcher" };
        thread.Start();
    }

    public static ProcessLauncher Instance => Shared.Value;

    public Task<Process> StartAsync(ProcessStartInfo start)
    {
        var done = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((start, done));
        return done.Task;
    }

    private void Run()
    {
        foreach (var (start, done) in _queue.GetConsumingEnumerable())
        {
            try
            {
                done.SetResult(Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}"));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Actors.Hypervisor;

/// <summary>Starts child processes from one dedicated thread that lives as long as the host process.</summary>
/// <remarks>PR_SET_PDEATHSIG (what <c>setpriv --pdeathsig</c> sets) fires when the <em>thread</em> that forked the
/// child exits, not the process. Started from a thread-pool thread, a QEMU would be killed whenever the pool
/// retires that thread; started from this thread, it is killed only when the host process dies.</remarks>
internal static class ProcessLauncher
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Requests = [];

    static ProcessLauncher()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "qemu-launcher" };
        thread.Start();
    }

    /// <summary>Starts <paramref name="info"/> on the launcher thread.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo info)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, started));
        return started.Task;
    }

    private static void Run()
    {
        foreach (var (info, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start"));
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}

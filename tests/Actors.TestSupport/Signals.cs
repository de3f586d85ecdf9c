using System.Runtime.InteropServices;

namespace Actors.TestSupport;

/// <summary>Sends POSIX signals, which <see cref="System.Diagnostics.Process"/> cannot (it only kills).</summary>
public static partial class Signals
{
    public const int SigKill = 9;
    public const int Sigterm = 15;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>; refuses 0, 1 and negative pids, which
    /// would signal a process group or every process.</summary>
    public static int Kill(int pid, int signal) =>
        pid > 1 ? KillProcess(pid, signal) : throw new ArgumentOutOfRangeException(nameof(pid), pid, "not a single process");

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillProcess(int pid, int signal);
}

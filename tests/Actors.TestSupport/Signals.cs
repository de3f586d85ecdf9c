using System.Runtime.InteropServices;

namespace Actors.TestSupport;

/// <summary>Sends POSIX signals, which <see cref="System.Diagnostics.Process"/> cannot (it only kills).</summary>
public static partial class Signals
{
    public const int SigKill = 9;
    public const int Sigterm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}

using System.Runtime.InteropServices;

namespace Actors.Supervision.Tests;

internal static partial class Posix
{
    public const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}

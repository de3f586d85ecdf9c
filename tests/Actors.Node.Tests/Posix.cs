using System.Runtime.InteropServices;

namespace Actors.Node.Tests;

/// <summary>Sends POSIX signals, which <see cref="System.Diagnostics.Process"/> cannot (it only kills).</summary>
internal static partial class Posix
{
    public const int Sigterm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}

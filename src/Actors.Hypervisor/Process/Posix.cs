using System.Runtime.InteropServices;

namespace Actors.Hypervisor;

/// <summary>POSIX signals, which <see cref="System.Diagnostics.Process"/> cannot send (it only kills).</summary>
internal static partial class Posix
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}

using System.Runtime.InteropServices;

namespace Actors.Hypervisor;

/// <summary>The head of libvirt's <c>virError</c>, as far as the driver reads it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirError
{
    public int Code;
    public int Domain;
    public nint Message;
    public int Level;
}

using System.Runtime.InteropServices;

namespace Actors.Hypervisor;

/// <summary>libvirt's <c>virDomainInfo</c>; its <c>unsigned long</c> fields are C longs, hence <see cref="CULong"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirDomainInfo
{
    public byte State;
    public CULong MaxMemKiB;
    public CULong MemoryKiB;
    public ushort VirtCpus;
    public ulong CpuTimeNs;
}

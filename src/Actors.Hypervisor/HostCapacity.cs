namespace Actors.Hypervisor;

/// <summary>What a host can run at once, summed over its running domains.</summary>
/// <param name="MemoryMiB">Memory in MiB.</param>
/// <param name="VCpus">Virtual CPUs.</param>
public sealed record HostCapacity(long MemoryMiB, int VCpus)
{
    /// <summary>No practical limit.</summary>
    public static HostCapacity Unlimited { get; } = new(long.MaxValue, int.MaxValue);
}

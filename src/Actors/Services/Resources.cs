namespace Actors;

/// <summary>What one node of a service needs: memory and virtual CPUs. Used to size VMs and to place nodes.</summary>
public sealed record Resources
{
    /// <summary>Creates and checks the resources.</summary>
    public Resources(int memoryMiB = 256, int vcpus = 1)
    {
        MemoryMiB = memoryMiB > 0 ? memoryMiB : throw new ArgumentOutOfRangeException(nameof(memoryMiB), memoryMiB, "Memory must be at least 1 MiB.");
        VCpus = vcpus > 0 ? vcpus : throw new ArgumentOutOfRangeException(nameof(vcpus), vcpus, "A node needs at least 1 vCPU.");
    }

    /// <summary>Memory in MiB.</summary>
    public int MemoryMiB { get; }

    /// <summary>Virtual CPUs.</summary>
    public int VCpus { get; }

    /// <summary>256 MiB and 1 vCPU.</summary>
    public static Resources Default { get; } = new();
}

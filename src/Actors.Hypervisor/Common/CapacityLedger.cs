namespace Actors.Hypervisor;

/// <summary>Counts the memory and vCPUs of running domains against the host's capacity.</summary>
internal sealed class CapacityLedger(Uri uri, HostCapacity capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int MemoryMiB, int VCpus)> _running = [];
    private long _memory;
    private int _vcpus;

    /// <summary>Reserves <paramref name="spec"/>'s resources or throws <see cref="CapacityExhaustedException"/>.</summary>
    public void Reserve(DomainSpec spec)
    {
        lock (_lock)
        {
            if (_memory + spec.MemoryMiB > capacity.MemoryMiB || _vcpus + spec.VCpus > capacity.VCpus)
            {
                throw new CapacityExhaustedException(uri, spec.Name,
                    $"needs {spec.MemoryMiB} MiB and {spec.VCpus} vCPU but only {capacity.MemoryMiB - _memory} MiB and {capacity.VCpus - _vcpus} vCPU are free");
            }

            _running[spec.Name] = (spec.MemoryMiB, spec.VCpus);
            _memory += spec.MemoryMiB;
            _vcpus += spec.VCpus;
        }
    }

    /// <summary>Gives back what <paramref name="name"/> reserved, if anything.</summary>
    public void Release(string name)
    {
        lock (_lock)
        {
            if (_running.Remove(name, out var r))
            {
                _memory -= r.MemoryMiB;
                _vcpus -= r.VCpus;
            }
        }
    }

    /// <summary>Moves what <paramref name="from"/> reserved to <paramref name="to"/> with <paramref name="to"/>'s
    /// resources, or throws <see cref="CapacityExhaustedException"/> and keeps the old reservation.</summary>
    public void Move(DomainSpec from, DomainSpec to)
    {
        lock (_lock)
        {
            _running.Remove(from.Name, out var old);
            _memory -= old.MemoryMiB;
            _vcpus -= old.VCpus;
            try
            {
                Reserve(to);
            }
            catch
            {
                _running[from.Name] = old;
                _memory += old.MemoryMiB;
                _vcpus += old.VCpus;
                throw;
            }
        }
    }
}

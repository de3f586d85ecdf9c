namespace Actors.Hypervisor;

/// <summary>One defined domain and, while it runs, its QEMU. Fields are guarded by the driver's lock.</summary>
internal sealed class QemuDomain(DomainSpec spec, QemuImage image)
{
    public DomainSpec Spec => spec;

    public QemuImage Image => image;

    public Phase State { get; set; } = Phase.Off;

    public StopIntent Intent { get; set; }

    public StopReason? LastStop { get; set; }

    /// <summary>The running QEMU, from when it is up until its exit has been reported.</summary>
    public QemuProcess? Process { get; set; }

    /// <summary>Completes when the current run's Stopped has been published and its capacity released.</summary>
    public Task RunEnded { get; set; } = Task.CompletedTask;

    public ConsoleWatchers Console { get; } = new();

    public DomainInfo Info() => new(spec.Name, spec.Service,
        State switch
        {
            Phase.Running => DomainState.Running,
            Phase.ShuttingDown => DomainState.ShuttingDown,
            _ => DomainState.Off, // booting counts as off until QEMU runs the guest
        },
        spec.MemoryMiB, spec.VCpus, spec.Labels, LastStop);

    /// <summary>Where a domain is in its life; <see cref="DomainState"/> plus booting.</summary>
    public enum Phase
    {
        Off,
        Booting,
        Running,
        ShuttingDown,
    }
}

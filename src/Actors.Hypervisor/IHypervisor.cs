namespace Actors.Hypervisor;

/// <summary>A host's hypervisor, reduced to what a cluster supervisor needs to run nodes as domains. Every
/// driver implements it and passes the same contract tests; errors are <see cref="HypervisorException"/>s
/// that name the URI and the domain.</summary>
public interface IHypervisor : IAsyncDisposable
{
    /// <summary>The URI the hypervisor was opened with.</summary>
    Uri Uri { get; }

    /// <summary>What the host can run at once; booting past it fails with <see cref="CapacityExhaustedException"/>.</summary>
    HostCapacity Capacity { get; }

    /// <summary>Defines a domain (not yet running). A name already defined fails with <see cref="DomainExistsException"/>.</summary>
    Task DefineAsync(DomainSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Boots a defined domain; completes when the hypervisor has started it.</summary>
    Task BootAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Asks the domain to shut down (SIGTERM, ACPI power button, node shutdown) and destroys it if
    /// it has not stopped after <paramref name="timeout"/>; completes when it has stopped.</summary>
    Task ShutdownAsync(string name, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Stops a running domain at once (SIGKILL, power cut).</summary>
    Task DestroyAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Removes a domain that is not running.</summary>
    Task UndefineAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every defined domain, running or not, with its labels.</summary>
    Task<IReadOnlyList<DomainInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>One domain; an unknown name fails with <see cref="DomainNotFoundException"/>.</summary>
    Task<DomainInfo> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Receives every lifecycle event from now on, in order per domain, until disposed. Called on
    /// the driver's own thread: return quickly.</summary>
    IDisposable Subscribe(Action<DomainEvent> observer);
}

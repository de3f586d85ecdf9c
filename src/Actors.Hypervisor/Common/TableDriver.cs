namespace Actors.Hypervisor;

/// <summary>What the drivers that keep their own domain table (in-process, process, simulated) share: the
/// spec checks, define, undefine, list, get, event publishing, and the capacity reserved at boot and given
/// back when a domain stops. Each driver adds how a domain boots and stops.</summary>
/// <typeparam name="TDomain">The driver's per-domain record.</typeparam>
internal abstract class TableDriver<TDomain>
    where TDomain : TableDomain
{
    private readonly EventHub _events = new();
    private volatile bool _closed;

    protected TableDriver(Uri uri, HostCapacity capacity)
    {
        Uri = uri;
        Capacity = capacity;
        Domains = new DomainTable<TDomain>(uri);
        Ledger = new CapacityLedger(uri, capacity);
    }

    public Uri Uri { get; }

    public HostCapacity Capacity { get; }

    protected DomainTable<TDomain> Domains { get; }

    protected CapacityLedger Ledger { get; }

    /// <summary>The driver's clock for event timestamps.</summary>
    protected abstract DateTimeOffset Now { get; }

    public Task DefineAsync(DomainSpec spec, CancellationToken cancellationToken = default)
    {
        Check(spec.Name);
        DomainSpecValidator.Validate(Uri, spec);
        CheckSpec(spec);
        Domains.Add(NewDomain(spec));
        Publish(spec.Name, DomainEventKind.Defined);
        return Task.CompletedTask;
    }

    public Task UndefineAsync(string name, CancellationToken cancellationToken = default)
    {
        Check(name);
        Domains.Remove(name);
        Publish(name, DomainEventKind.Undefined);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DomainInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        Check(null);
        return Task.FromResult<IReadOnlyList<DomainInfo>>(Domains.All().Select(DomainTable<TDomain>.Info).ToList());
    }

    public Task<DomainInfo> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        Check(name);
        return Task.FromResult(DomainTable<TDomain>.Info(Domains.Get(name)));
    }

    public IDisposable Subscribe(Action<DomainEvent> observer) => _events.Subscribe(observer);

    protected abstract TDomain NewDomain(DomainSpec spec);

    /// <summary>Driver-specific spec checks; throw <see cref="InvalidDomainSpecException"/>.</summary>
    protected virtual void CheckSpec(DomainSpec spec)
    {
    }

    /// <summary>Marks the driver closed (disposed): from now on it refuses every call, as a dropped connection
    /// would, so that whoever still holds it learns the host is gone rather than seeing an empty host.</summary>
    protected void Close() => _closed = true;

    /// <summary>Throws if the host cannot be reached.</summary>
    protected virtual void EnsureReachable(string? domain)
    {
    }

    private void Check(string? domain)
    {
        if (_closed)
        {
            throw new HypervisorException(Uri, domain, "the driver is closed");
        }

        EnsureReachable(domain);
    }

    /// <summary>Moves an off domain to running and reserves its resources, or leaves it off and throws.</summary>
    protected TDomain BeginBoot(string name)
    {
        var domain = Domains.BeginBoot(name);
        try
        {
            Ledger.Reserve(domain.Spec);
        }
        catch
        {
            domain.State = DomainState.Off;
            throw;
        }

        return domain;
    }

    /// <summary>Records that a domain stopped (once), gives back its resources, publishes Stopped and completes
    /// the run's <see cref="TableDomain.WhenStopped"/>; false if it was already off.</summary>
    protected bool MarkStopped(TDomain domain, StopReason reason, string? detail = null)
    {
        lock (Domains.Sync)
        {
            if (domain.State == DomainState.Off)
            {
                return false;
            }

            domain.State = DomainState.Off;
            domain.LastStop = reason;
        }

        Ledger.Release(domain.Spec.Name);
        Publish(domain.Spec.Name, DomainEventKind.Stopped, reason, detail);
        domain.CompleteRun();
        return true;
    }

    protected void Publish(string name, DomainEventKind kind, StopReason? reason = null, string? detail = null) =>
        _events.Publish(new DomainEvent(name, kind, Now, reason, detail));
}

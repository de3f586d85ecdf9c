namespace Actors.Hypervisor;

/// <summary><c>sim://HOST</c>: one simulated host of a <see cref="SimWorld"/> (from <see cref="HypervisorOptions.Simulation"/>,
/// or a world of its own). Boot, shutdown and destroy take latencies drawn from the world's distributions in
/// virtual time; the world can crash a domain or lose the whole host.</summary>
internal sealed class SimHypervisor : IHypervisor
{
    private readonly SimWorld _world;
    private readonly string _host;
    private readonly DomainTable<Domain> _domains;
    private readonly CapacityLedger _ledger;
    private readonly EventHub _events = new();
    private bool _lost;

    internal SimHypervisor(SimWorld world, Uri uri, string host, HostCapacity capacity, HypervisorOptions options)
    {
        _world = world;
        _host = host;
        Uri = uri;
        Capacity = capacity;
        _domains = new DomainTable<Domain>(uri);
        _ledger = new CapacityLedger(uri, capacity);
    }

    public Uri Uri { get; }

    public HostCapacity Capacity { get; }

    public static SimHypervisor Open(Uri uri, HypervisorOptions options)
    {
        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new HypervisorUriException(uri.OriginalString, "names no host; name one, e.g. sim://host-1");
        }

        var query = UriQuery.Parse(uri);
        var capacity = query.Capacity();
        query.EnsureAllUsed();
        return (options.Simulation ?? new SimWorld()).Attach(uri, uri.Host, capacity, options);
    }

    public Task DefineAsync(DomainSpec spec, CancellationToken cancellationToken = default)
    {
        EnsureReachable(spec.Name);
        DomainSpecValidator.Validate(Uri, spec);
        _domains.Add(new Domain(spec));
        Publish(spec.Name, DomainEventKind.Defined);
        return Task.CompletedTask;
    }

    public Task BootAsync(string name, CancellationToken cancellationToken = default)
    {
        EnsureReachable(name);
        var domain = _domains.BeginBoot(name);
        try
        {
            _ledger.Reserve(domain.Spec);
        }
        catch
        {
            domain.State = DomainState.Off;
            throw;
        }

        var generation = ++domain.Generation;
        var booted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _world.Schedule(_world.Draw(_world.Options.Boot), () =>
        {
            if (domain.Generation == generation && domain.State != DomainState.Off)
            {
                Publish(name, DomainEventKind.Started);
                booted.SetResult();
            }
            else
            {
                booted.SetException(new DomainStateException(Uri, name, "stopped while booting"));
            }
        });
        return booted.Task;
    }

    public Task ShutdownAsync(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        EnsureReachable(name);
        var domain = _domains.GetRunning(name, "shut down");
        domain.State = DomainState.ShuttingDown;
        var latency = _world.Draw(_world.Options.Shutdown);
        var stopped = domain.Stopped.Task;
        _world.Schedule(latency <= timeout ? latency : timeout, () => Stop(domain, latency <= timeout ? StopReason.Shutdown : StopReason.Destroyed));
        return stopped;
    }

    public Task DestroyAsync(string name, CancellationToken cancellationToken = default)
    {
        EnsureReachable(name);
        var domain = _domains.GetRunning(name, "destroy");
        var stopped = domain.Stopped.Task;
        _world.Schedule(_world.Draw(_world.Options.Destroy), () => Stop(domain, StopReason.Destroyed));
        return stopped;
    }

    public Task UndefineAsync(string name, CancellationToken cancellationToken = default)
    {
        EnsureReachable(name);
        _domains.Remove(name);
        Publish(name, DomainEventKind.Undefined);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DomainInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        EnsureReachable(null);
        return Task.FromResult<IReadOnlyList<DomainInfo>>(_domains.All().Select(DomainTable<Domain>.Info).ToList());
    }

    public Task<DomainInfo> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        EnsureReachable(name);
        return Task.FromResult(DomainTable<Domain>.Info(_domains.Get(name)));
    }

    public IDisposable Subscribe(Action<DomainEvent> observer) => _events.Subscribe(observer);

    public ValueTask DisposeAsync()
    {
        _world.Detach(_host);
        return ValueTask.CompletedTask;
    }

    /// <summary>World event: the host is gone and its running domains with it.</summary>
    internal void Lose()
    {
        _lost = true;
        foreach (var d in _domains.All().Where(d => d.State != DomainState.Off))
        {
            Stop(d, StopReason.Crashed, "host lost");
        }
    }

    /// <summary>World event: one domain dies.</summary>
    internal void Crash(string name)
    {
        var domain = _domains.Get(name);
        if (domain.State != DomainState.Off)
        {
            Stop(domain, StopReason.Crashed, "crash injected");
        }
    }

    private void Stop(Domain domain, StopReason reason, string? detail = null)
    {
        lock (_domains.Sync)
        {
            if (domain.State == DomainState.Off)
            {
                return;
            }

            domain.State = DomainState.Off;
            domain.LastStop = reason;
            domain.Generation++;
        }

        _ledger.Release(domain.Spec.Name);
        Publish(domain.Spec.Name, DomainEventKind.Stopped, reason, detail);
        var stopped = domain.Stopped;
        domain.Stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stopped.TrySetResult();
    }

    private void EnsureReachable(string? domain)
    {
        if (_lost)
        {
            throw new HypervisorException(Uri, domain, "the host is lost");
        }
    }

    private void Publish(string name, DomainEventKind kind, StopReason? reason = null, string? detail = null) =>
        _events.Publish(new DomainEvent(name, kind, _world.Now, reason, detail));

    private sealed class Domain(DomainSpec spec) : IDomainEntry
    {
        public DomainSpec Spec { get; } = spec;

        public DomainState State { get; set; }

        public StopReason? LastStop { get; set; }

        public long Generation { get; set; }

        public TaskCompletionSource Stopped { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

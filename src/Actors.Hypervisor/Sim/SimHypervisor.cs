namespace Actors.Hypervisor;

/// <summary><c>sim://HOST</c>: one simulated host of a <see cref="SimWorld"/> (from <see cref="HypervisorOptions.Simulation"/>,
/// or a world of its own). Boot, shutdown and destroy take latencies drawn from the world's distributions in
/// virtual time; the world can crash a domain or lose the whole host.</summary>
internal sealed class SimHypervisor : TableDriver<SimHypervisor.Domain>, IHypervisor
{
    private readonly SimWorld _world;
    private readonly string _host;
    private bool _lost;

    internal SimHypervisor(SimWorld world, Uri uri, string host, HostCapacity capacity)
        : base(uri, capacity)
    {
        _world = world;
        _host = host;
    }

    protected override DateTimeOffset Now => _world.Now;

    public static SimHypervisor Open(Uri uri, HypervisorOptions options)
    {
        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new HypervisorUriException(uri.OriginalString, "names no host; name one, e.g. sim://host-1");
        }

        return (options.Simulation ?? new SimWorld()).Attach(uri, uri.Host, UriQuery.CapacityOnly(uri));
    }

    public Task BootAsync(string name, CancellationToken cancellationToken = default)
    {
        EnsureReachable(name);
        var domain = BeginBoot(name);
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
        var domain = Domains.GetRunning(name, "shut down");
        domain.State = DomainState.ShuttingDown;
        var latency = _world.Draw(_world.Options.Shutdown);
        var stopped = domain.WhenStopped;
        _world.Schedule(latency <= timeout ? latency : timeout, () => MarkStopped(domain, latency <= timeout ? StopReason.Shutdown : StopReason.Destroyed));
        return stopped;
    }

    public Task DestroyAsync(string name, CancellationToken cancellationToken = default)
    {
        EnsureReachable(name);
        var domain = Domains.GetRunning(name, "destroy");
        var stopped = domain.WhenStopped;
        _world.Schedule(_world.Draw(_world.Options.Destroy), () => MarkStopped(domain, StopReason.Destroyed));
        return stopped;
    }

    public ValueTask DisposeAsync()
    {
        Close();
        _world.Detach(_host);
        return ValueTask.CompletedTask;
    }

    /// <summary>World event: the host is gone and its running domains with it.</summary>
    internal void Lose()
    {
        _lost = true;
        foreach (var d in Domains.All().Where(d => d.State != DomainState.Off))
        {
            MarkStopped(d, StopReason.Crashed, "host lost");
        }
    }

    /// <summary>World event: one domain dies.</summary>
    internal void Crash(string name)
    {
        var domain = Domains.Get(name);
        if (domain.State != DomainState.Off)
        {
            MarkStopped(domain, StopReason.Crashed, "crash injected");
        }
    }

    protected override Domain NewDomain(DomainSpec spec) => new(spec);

    protected override void EnsureReachable(string? domain)
    {
        if (_lost)
        {
            throw new HypervisorException(Uri, domain, "the host is lost");
        }
    }

    internal sealed class Domain(DomainSpec spec) : TableDomain(spec)
    {
        public long Generation { get; set; }
    }
}

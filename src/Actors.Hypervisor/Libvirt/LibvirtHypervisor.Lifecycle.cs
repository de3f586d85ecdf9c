namespace Actors.Hypervisor;

internal sealed partial class LibvirtHypervisor
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _booting = new(StringComparer.Ordinal);

    public Task DefineAsync(DomainSpec spec, CancellationToken cancellationToken = default) => Run(() =>
    {
        DomainSpecValidator.Validate(Uri, spec);
        var xml = DomainXml(spec);

        // Our XML has no UUID, so libvirt would report a taken name as a UUID clash (a generic "operation
        // failed"); asking first gives the typed error.
        using (var existing = LibvirtNative.virDomainLookupByName(_conn, spec.Name))
        {
            if (!existing.IsInvalid)
            {
                throw new DomainExistsException(Uri, spec.Name);
            }
        }

        using var dom = LibvirtNative.virDomainDefineXMLFlags(_conn, xml, LibvirtConstants.DefineValidate);
        if (dom.IsInvalid)
        {
            var error = LibvirtError.Last();
            using var raced = LibvirtNative.virDomainLookupByName(_conn, spec.Name);
            throw raced.IsInvalid ? error.ToException(Uri, spec.Name) : new DomainExistsException(Uri, spec.Name);
        }
    }, cancellationToken);

    public Task BootAsync(string name, CancellationToken cancellationToken = default) => Run(() =>
    {
        using var dom = Lookup(name);
        var info = Describe(dom, name);
        if (info.State != DomainState.Off)
        {
            throw new DomainStateException(Uri, name, "is already running");
        }

        lock (_gate)
        {
            // Anything still held under this name is from an earlier run whose stop we have not yet seen.
            _ledger.Release(name);
            _ledger.Reserve(new DomainSpec { Name = name, Service = info.Service, MemoryMiB = info.MemoryMiB, VCpus = info.VCpus });
            _booting.Add(name);
        }

        var started = LibvirtNative.virDomainCreate(dom) == 0;
        var error = started ? default : LibvirtError.Last();
        lock (_gate)
        {
            _booting.Remove(name);
        }

        ReleaseIfStopped(name, () => LibvirtNative.virDomainIsActive(dom));
        if (!started)
        {
            throw error.ToException(Uri, name);
        }
    }, cancellationToken);

    public Task DestroyAsync(string name, CancellationToken cancellationToken = default) => Run(() =>
    {
        using var dom = Lookup(name);
        if (LibvirtNative.virDomainDestroy(dom) != 0)
        {
            throw Failure(name);
        }

        ReleaseIfStopped(name, () => LibvirtNative.virDomainIsActive(dom));
    }, cancellationToken);

    public Task UndefineAsync(string name, CancellationToken cancellationToken = default) => Run(() =>
    {
        using var dom = Lookup(name);

        // libvirt would undefine a running domain and keep it running as a transient one; the contract
        // wants it refused.
        if (IsActive(dom))
        {
            throw new DomainStateException(Uri, name, "is running; destroy or shut it down first");
        }

        if (LibvirtNative.virDomainUndefine(dom) != 0)
        {
            throw Failure(name);
        }
    }, cancellationToken);

    public Task ShutdownAsync(string name, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _inline ? ShutdownCoreAsync(name, timeout, cancellationToken) : Task.Run(() => ShutdownCoreAsync(name, timeout, cancellationToken), cancellationToken);

    private async Task ShutdownCoreAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var dom = Lookup(name);
        if (!IsActive(dom))
        {
            throw new DomainStateException(Uri, name, "is not running");
        }

        using var stopped = new SemaphoreSlim(0);
        using (_events.Subscribe(e =>
        {
            if (e.Domain == name && e.Kind == DomainEventKind.Stopped)
            {
                stopped.Release();
            }
        }))
        {
            if (LibvirtNative.virDomainShutdown(dom) != 0)
            {
                var error = LibvirtError.Last();
                if (IsActive(dom))
                {
                    throw error.ToException(Uri, name);
                }
            }

            using var deadline = new CancellationTokenSource(timeout, _options.Time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);

            // A stopped event may be a late one from an earlier run, so the domain's own state decides.
            while (IsActive(dom))
            {
                try
                {
                    await stopped.WaitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    if (LibvirtNative.virDomainDestroy(dom) != 0 && IsActive(dom))
                    {
                        throw Failure(name);
                    }

                    break;
                }
            }
        }

        ReleaseIfStopped(name, () => LibvirtNative.virDomainIsActive(dom));
    }

    /// <summary>Gives back a domain's capacity once it has stopped, unless it is being booted again (that boot
    /// already took over the reservation). <paramref name="isActive"/> is <c>virDomainIsActive</c>: 1, 0, or
    /// -1 for a domain that is gone.</summary>
    private void ReleaseIfStopped(string name, Func<int> isActive)
    {
        lock (_gate)
        {
            if (!_booting.Contains(name) && isActive() != 1)
            {
                _ledger.Release(name);
            }
        }
    }
}

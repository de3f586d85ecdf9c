using System.Collections.Concurrent;

namespace Actors.Hypervisor;

internal sealed partial class LibvirtHypervisor
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _booting = new(StringComparer.Ordinal);

    /// <summary>Document shapes libvirt's schema has accepted on this connection.</summary>
    private readonly ConcurrentDictionary<string, bool> _validShapes = new(StringComparer.Ordinal);

    /// <summary>Baked images of defined domains, verified before each boot.</summary>
    private readonly ConcurrentDictionary<string, string> _bakedImages = new(StringComparer.Ordinal);

    public Task DefineAsync(DomainSpec spec, CancellationToken cancellationToken = default) => Run(() =>
    {
        DomainSpecValidator.Validate(Uri, spec);
        (spec, var baked) = BakedImages.Apply(Uri, spec);
        var (xml, shape) = DomainXml(spec);

        // libvirt's schema check (VIR_DOMAIN_DEFINE_VALIDATE) loads and compiles the RelaxNG schema on every
        // call, some 6 ms against 0.15 ms for the define itself; its verdict on a shape holds for every
        // document of that shape (DomainXmlShape), so it is asked once per shape and connection.
        var validate = !_validShapes.ContainsKey(shape);

        var dom = LibvirtNative.virDomainDefineXMLFlags(_conn, xml, validate ? LibvirtConstants.DefineValidate : 0);
        if (dom.IsInvalid)
        {
            // Our XML has no UUID, so libvirt reports a taken name as a clash with another UUID (a generic
            // "operation failed"); whether the name is taken decides the typed error. Asking only after a
            // failure saves a lookup on every define that succeeds.
            var error = LibvirtError.Last();
            dom.Dispose();
            using var taken = LibvirtNative.virDomainLookupByName(_conn, spec.Name);
            throw taken.IsInvalid ? error.ToException(Uri, spec.Name) : new DomainExistsException(Uri, spec.Name);
        }

        _handles.Add(spec.Name, dom);
        if (baked is not null)
        {
            _bakedImages[spec.Name] = baked;
        }

        if (validate)
        {
            _validShapes.TryAdd(shape, true);
        }
    }, cancellationToken);

    public async Task BootAsync(string name, CancellationToken cancellationToken = default)
    {
        if (_bakedImages.TryGetValue(name, out var image))
        {
            await BakedImages.VerifyAsync(Uri, name, image, cancellationToken);
        }

        await Start(name, cancellationToken);
    }

    private Task Start(string name, CancellationToken cancellationToken) => Run(() => OnDomain(name, dom =>
    {
        // State, memory and vCPUs are all a boot needs, and one call has them; the service and labels
        // (virDomainGetMetadata and an XML parse, which Describe adds) are not the ledger's business.
        if (LibvirtNative.virDomainGetInfo(dom, out var info) != 0)
        {
            throw Failure(name);
        }

        if (LibvirtStateMap.State(info.State) != DomainState.Off)
        {
            throw new DomainStateException(Uri, name, "is already running");
        }

        var reservation = new DomainSpec { Name = name, Service = string.Empty, MemoryMiB = MemoryMiB(info), VCpus = info.VirtCpus };
        lock (_gate)
        {
            // Anything still held under this name is from an earlier run whose stop we have not yet seen.
            _ledger.Release(name);
            _ledger.Reserve(reservation);
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
    }), cancellationToken);

    public Task DestroyAsync(string name, CancellationToken cancellationToken = default) => Run(() => OnDomain(name, dom =>
    {
        if (LibvirtNative.virDomainDestroy(dom) != 0)
        {
            throw Failure(name);
        }

        ReleaseIfStopped(name, () => LibvirtNative.virDomainIsActive(dom));
    }), cancellationToken);

    public Task UndefineAsync(string name, CancellationToken cancellationToken = default) => Run(() => OnDomain(name, dom =>
    {
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

        _handles.Evict(name, dom);
        _bakedImages.TryRemove(name, out _);
    }), cancellationToken);

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

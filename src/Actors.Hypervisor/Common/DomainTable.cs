namespace Actors.Hypervisor;

/// <summary>The defined domains of one driver, with the checks every driver makes the same way: unknown
/// names, duplicate names, and operations the domain's state does not allow.</summary>
/// <typeparam name="TDomain">The driver's per-domain record.</typeparam>
internal sealed class DomainTable<TDomain>(Uri uri)
    where TDomain : TableDomain
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TDomain> _domains = new(StringComparer.Ordinal);

    public Lock Sync => _lock;

    public void Add(TDomain domain)
    {
        lock (_lock)
        {
            if (!_domains.TryAdd(domain.Spec.Name, domain))
            {
                throw new DomainExistsException(uri, domain.Spec.Name);
            }
        }
    }

    public TDomain Get(string name)
    {
        lock (_lock)
        {
            return _domains.TryGetValue(name, out var d) ? d : throw new DomainNotFoundException(uri, name);
        }
    }

    /// <summary>Moves an Off domain to Running (under the lock), or says why it cannot.</summary>
    public TDomain BeginBoot(string name)
    {
        lock (_lock)
        {
            var d = _domains.TryGetValue(name, out var found) ? found : throw new DomainNotFoundException(uri, name);
            if (d.State != DomainState.Off)
            {
                throw new DomainStateException(uri, name, $"is {d.State.ToString().ToLowerInvariant()}; only a domain that is off can boot");
            }

            d.State = DomainState.Running;
            return d;
        }
    }

    /// <summary>The domain, which must be running (or shutting down).</summary>
    public TDomain GetRunning(string name, string operation)
    {
        lock (_lock)
        {
            var d = Get(name);
            return d.State != DomainState.Off ? d : throw new DomainStateException(uri, name, $"is off; cannot {operation} it");
        }
    }

    public TDomain Remove(string name)
    {
        lock (_lock)
        {
            var d = Get(name);
            if (d.State != DomainState.Off)
            {
                throw new DomainStateException(uri, name, $"is {d.State.ToString().ToLowerInvariant()}; destroy or shut it down before undefining it");
            }

            _domains.Remove(name);
            return d;
        }
    }

    /// <summary>Gives the running domain <paramref name="name"/> the spec <paramref name="becomes"/> (its new name
    /// included); <paramref name="reserve"/> moves its resources, under the lock, and may refuse by throwing.</summary>
    public TDomain Rename(string name, DomainSpec becomes, Action<DomainSpec, DomainSpec> reserve)
    {
        lock (_lock)
        {
            var d = GetRunning(name, "rename");
            if (becomes.Name != name && _domains.ContainsKey(becomes.Name))
            {
                throw new DomainExistsException(uri, becomes.Name);
            }

            reserve(d.Spec, becomes);
            _domains.Remove(name);
            d.Spec = becomes;
            _domains.Add(becomes.Name, d);
            return d;
        }
    }

    public IReadOnlyList<TDomain> All()
    {
        lock (_lock)
        {
            return [.. _domains.Values];
        }
    }

    public static DomainInfo Info(TDomain d) =>
        new(d.Spec.Name, d.Spec.Service, d.State, d.Spec.MemoryMiB, d.Spec.VCpus, d.Spec.Labels, d.LastStop);
}

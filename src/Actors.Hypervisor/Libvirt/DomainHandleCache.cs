namespace Actors.Hypervisor;

/// <summary>The domain references the driver keeps, by name, so that boot, destroy and undefine do not each look
/// the domain up again (<c>virDomainLookupByName</c> and <c>virDomainFree</c>, some 7 us a pair on
/// test:///default). An entry goes when the driver undefines its domain or libvirt reports that domain
/// undefined; the event is matched by UUID, so a late one for an earlier domain of the same name leaves the new
/// domain's entry alone. Until that event is handled, an entry can outlive its domain (another connection
/// undefined it); libvirt then answers "no domain", and <see cref="LibvirtHypervisor"/> looks the name up
/// afresh. A rename by another connection (libvirt renames only domains that are off) is the one case not
/// caught that way: until its UNDEFINED event is handled, the old name still reaches the renamed domain.
/// A caller holds a reference (<see cref="Held"/>) taken under the lock, so an eviction never frees one
/// in use: the SafeHandle frees it when the last holder lets go.</summary>
internal sealed class DomainHandleCache : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The kept reference for <paramref name="name"/>, held for the caller, or null.</summary>
    public Held? TryHold(string name)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(name, out var entry) ? new Held(entry.Handle) : null;
        }
    }

    /// <summary>Keeps <paramref name="handle"/> (now the cache's to free) as <paramref name="name"/>'s reference,
    /// in place of any earlier one, and holds it for the caller.</summary>
    public Held AddAndHold(string name, DomainHandle handle)
    {
        var entry = new Entry(handle, LibvirtNative.Uuid(handle));
        lock (_lock)
        {
            if (_entries.Remove(name, out var old))
            {
                old.Handle.Dispose();
            }

            _entries.Add(name, entry);
            return new Held(handle);
        }
    }

    /// <summary>Keeps <paramref name="handle"/> (now the cache's to free) as <paramref name="name"/>'s reference.</summary>
    public void Add(string name, DomainHandle handle) => AddAndHold(name, handle).Dispose();

    /// <summary>Drops <paramref name="name"/>'s reference if it is <paramref name="handle"/>.</summary>
    public void Evict(string name, DomainHandle handle) => Evict(name, e => e.Handle == handle);

    /// <summary>Drops <paramref name="name"/>'s reference if it is to the domain with <paramref name="uuid"/>.</summary>
    public void Evict(string name, Guid uuid) => Evict(name, e => e.Uuid == uuid);

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
            {
                entry.Handle.Dispose();
            }

            _entries.Clear();
        }
    }

    private void Evict(string name, Func<Entry, bool> match)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(name, out var entry) && match(entry))
            {
                _entries.Remove(name);
                entry.Handle.Dispose();
            }
        }
    }

    private readonly record struct Entry(DomainHandle Handle, Guid Uuid);

    /// <summary>A reference held with <see cref="System.Runtime.InteropServices.SafeHandle.DangerousAddRef"/>;
    /// disposing it lets go.</summary>
    public readonly struct Held : IDisposable
    {
        public Held(DomainHandle handle)
        {
            var added = false;
            handle.DangerousAddRef(ref added);
            Handle = handle;
        }

        public DomainHandle Handle { get; }

        public void Dispose() => Handle.DangerousRelease();
    }
}

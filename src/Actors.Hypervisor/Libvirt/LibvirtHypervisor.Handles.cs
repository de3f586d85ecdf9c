namespace Actors.Hypervisor;

internal sealed partial class LibvirtHypervisor
{
    private readonly DomainHandleCache _handles = new();

    /// <summary>Runs <paramref name="operation"/> on the domain named <paramref name="name"/>, through the kept
    /// reference where there is one. A kept reference to a domain that another connection undefined fails with
    /// <see cref="DomainNotFoundException"/> (its UNDEFINED event not handled yet); the name is then looked up
    /// afresh and the operation runs again, which is safe because libvirt refused it for that domain.</summary>
    private T OnDomain<T>(string name, Func<DomainHandle, T> operation)
    {
        if (_handles.TryHold(name) is { } kept)
        {
            using (kept)
            {
                try
                {
                    return operation(kept.Handle);
                }
                catch (DomainNotFoundException)
                {
                    _handles.Evict(name, kept.Handle);
                }
            }
        }

        using var fresh = _handles.AddAndHold(name, Lookup(name));
        return operation(fresh.Handle);
    }

    private void OnDomain(string name, Action<DomainHandle> operation) => OnDomain<object?>(name, dom =>
    {
        operation(dom);
        return null;
    });
}

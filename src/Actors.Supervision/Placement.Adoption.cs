namespace Actors.Supervision;

/// <summary>Domains an earlier supervisor left running, offered by <see cref="Adoption"/> to the node proxies of
/// the same children, each of which claims its own once instead of booting a new one.</summary>
public sealed partial class Placement
{
    private readonly Dictionary<string, Host> _adoptable = new(StringComparer.Ordinal);

    /// <summary>Offers <paramref name="child"/>'s running domain on <paramref name="host"/> for adoption, and
    /// counts its resources as taken there.</summary>
    internal void OfferForAdoption(string child, Host host, int memoryMiB, int vcpus)
    {
        lock (_lock)
        {
            _adoptable[child] = host;
            host.Take(memoryMiB, vcpus);
        }
    }

    /// <summary>The host of <paramref name="child"/>'s domain to adopt, once (its resources are already taken), or
    /// null if there is none or its host has been lost since.</summary>
    internal Host? ClaimAdopted(string child)
    {
        lock (_lock)
        {
            return _adoptable.Remove(child, out var host) && !host.Lost ? host : null;
        }
    }
}

using System.Collections.Concurrent;
using Actors.Hypervisor;

namespace Actors.Supervision;

/// <summary>The agent of one host: it owns the host's driver connection, keeps the capacity placement has
/// handed out, routes the driver's lifecycle events to whoever watches each domain, and decides when the host
/// is lost (<see cref="MarkLost"/>).</summary>
public sealed partial class Host : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Action<DomainEvent>> _watchers = new();
    private readonly IDisposable _subscription;
    private readonly TimeProvider _time;

    /// <summary>Opens the host's driver.</summary>
    public Host(HostSpec spec, HypervisorOptions options)
    {
        Spec = spec;
        _time = options.Time;
        Driver = Hypervisors.Open(spec.Uri, options);
        FreeMemoryMiB = spec.MemoryMiB;
        Addresses = spec.Network is { } network ? new NodeAddresses(spec.Name, network) : null;
        FreeVCpus = spec.VCpus;
        _subscription = Driver.Subscribe(e =>
        {
            if (_watchers.TryGetValue(e.Domain, out var watcher))
            {
                watcher(e);
            }
        });
    }

    /// <summary>The host's spec.</summary>
    public HostSpec Spec { get; }

    /// <summary>The host's driver.</summary>
    public IHypervisor Driver { get; }

    /// <summary>The addresses its nodes get, for a host with a <see cref="HostSpec.Network"/>.</summary>
    public NodeAddresses? Addresses { get; }

    /// <summary>The host's warm shells, if it keeps any.</summary>
    public WarmPool? Pool { get; internal set; }

    /// <summary>Memory not yet handed out by placement.</summary>
    public long FreeMemoryMiB { get; private set; }

    /// <summary>vCPUs not yet handed out by placement.</summary>
    public int FreeVCpus { get; private set; }

    /// <summary>Sends <paramref name="domain"/>'s events to <paramref name="watcher"/> until disposed.</summary>
    public IDisposable Watch(string domain, Action<DomainEvent> watcher)
    {
        _watchers[domain] = watcher;
        return new Unwatch(() => _watchers.TryRemove(new(domain, watcher)));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        StopHeartbeat();
        if (Pool is not null)
        {
            await Pool.DisposeAsync();
        }

        _subscription.Dispose();
        await Driver.DisposeAsync();
    }

    internal void Take(int memoryMiB, int vcpus)
    {
        FreeMemoryMiB -= memoryMiB;
        FreeVCpus -= vcpus;
    }

    private sealed class Unwatch(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}

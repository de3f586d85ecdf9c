using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>Records a hypervisor's events and lets a test await one without sleeping.</summary>
public sealed class EventRecorder : IDisposable
{
    private readonly AwaitableLog<DomainEvent> _log = new();
    private readonly IDisposable _subscription;

    public EventRecorder(IHypervisor hypervisor) => _subscription = hypervisor.Subscribe(_log.Add);

    public IReadOnlyList<DomainEvent> For(string domain) => _log.All.Where(e => e.Domain == domain).ToList();

    public Task<DomainEvent> WaitForAsync(string domain, DomainEventKind kind, TimeSpan? timeout = null) =>
        _log.WaitForAsync(e => e.Domain == domain && e.Kind == kind, timeout);

    public void Dispose() => _subscription.Dispose();
}

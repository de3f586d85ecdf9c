using System.Collections.Concurrent;
using System.Threading.Channels;
using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>Records a hypervisor's events and lets a test await one without sleeping.</summary>
public sealed class EventRecorder : IDisposable
{
    private readonly ConcurrentQueue<DomainEvent> _all = new();
    private readonly Channel<DomainEvent> _channel = Channel.CreateUnbounded<DomainEvent>();
    private readonly IDisposable _subscription;

    public EventRecorder(IHypervisor hypervisor) => _subscription = hypervisor.Subscribe(e =>
    {
        _all.Enqueue(e);
        _channel.Writer.TryWrite(e);
    });

    public IReadOnlyList<DomainEvent> For(string domain) => _all.Where(e => e.Domain == domain).ToList();

    public async Task<DomainEvent> WaitForAsync(string domain, DomainEventKind kind, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await foreach (var e in _channel.Reader.ReadAllAsync(cts.Token))
        {
            if (e.Domain == domain && e.Kind == kind)
            {
                return e;
            }
        }

        throw new InvalidOperationException("event channel closed");
    }

    public void Dispose() => _subscription.Dispose();
}

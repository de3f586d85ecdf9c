namespace Actors.Hypervisor;

/// <summary>Delivers domain events to subscribers, one event at a time, in publish order.</summary>
internal sealed class EventHub
{
    private readonly Lock _lock = new();
    private ImmutableObservers _observers = ImmutableObservers.Empty;

    public IDisposable Subscribe(Action<DomainEvent> observer)
    {
        lock (_lock)
        {
            _observers = _observers.Add(observer);
        }

        return new Subscription(this, observer);
    }

    public void Publish(DomainEvent e)
    {
        // Serialised so that subscribers see one order, whichever thread the driver reports from.
        lock (_lock)
        {
            foreach (var observer in _observers.Items)
            {
                observer(e);
            }
        }
    }

    private void Remove(Action<DomainEvent> observer)
    {
        lock (_lock)
        {
            _observers = _observers.Remove(observer);
        }
    }

    private sealed record ImmutableObservers(Action<DomainEvent>[] Items)
    {
        public static ImmutableObservers Empty { get; } = new([]);

        public ImmutableObservers Add(Action<DomainEvent> o) => new([.. Items, o]);

        public ImmutableObservers Remove(Action<DomainEvent> o) => new(Items.Where(i => i != o).ToArray());
    }

    private sealed class Subscription(EventHub hub, Action<DomainEvent> observer) : IDisposable
    {
        public void Dispose() => hub.Remove(observer);
    }
}

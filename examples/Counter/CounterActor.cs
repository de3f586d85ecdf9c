using Akka.Actor;
using Akka.Persistence;

namespace Counter;

/// <summary>A durable counter. An increment is acknowledged from <c>Persist</c>'s handler, which runs only after the
/// journal has stored the event, so every acknowledged increment survives a kill -9 and is replayed on restart.</summary>
public sealed class CounterActor : ReceivePersistentActor
{
    private long _value;

    public CounterActor(string id)
    {
        PersistenceId = $"counter-{id}";
        Recover<Incremented>(_ => _value++);
        Command<Increment>(_ => Persist(Incremented.Instance, _ =>
        {
            _value++;
            Sender.Tell(new Counted(_value));
        }));
        Command<GetCount>(_ => Sender.Tell(new Counted(_value)));
    }

    public override string PersistenceId { get; }
}

using Akka.Actor;

namespace Actors;

/// <summary>Publishes <see cref="RuntimeEvent"/>s on an ActorSystem's event stream, stamped with the node.</summary>
public static class RuntimeEvents
{
    /// <summary>Publishes event <paramref name="name"/> with <paramref name="fields"/> as name/value pairs.</summary>
    public static void Publish(ActorSystem system, string name, params (string Key, object? Value)[] fields)
    {
        var identity = NodeIdentity.For(system);
        var map = new Dictionary<string, string>(fields.Length);
        foreach (var (key, value) in fields)
        {
            map[key] = value?.ToString() ?? string.Empty;
        }

        system.EventStream.Publish(new RuntimeEvent(identity.Time.GetUtcNow(), name, identity.Service, identity.Node, map));
    }

    /// <summary>Publishes from inside an actor.</summary>
    public static void Emit(this IActorContext context, string name, params (string Key, object? Value)[] fields) =>
        Publish(context.System, name, fields);
}

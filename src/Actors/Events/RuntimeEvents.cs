using Akka.Actor;

namespace Actors;

/// <summary>Publishes <see cref="RuntimeEvent"/>s on an ActorSystem's event stream, stamped with the node.</summary>
public static class RuntimeEvents
{
    /// <summary>Publishes event <paramref name="name"/> with <paramref name="fields"/> as name/value pairs.</summary>
    public static void Publish(ActorSystem system, string name, params (string Key, object? Value)[] fields) =>
        system.EventStream.Publish(Stamped(NodeIdentity.For(system), name, fields));

    /// <summary>An event stamped with <paramref name="identity"/>'s node and clock, for when it cannot go
    /// through the event stream (the node has stopped).</summary>
    public static RuntimeEvent Stamped(NodeIdentity identity, string name, params (string Key, object? Value)[] fields) =>
        Make(identity.Time.GetUtcNow(), name, identity.Service, identity.Node, fields);

    /// <summary>An event with <paramref name="fields"/> as name/value pairs.</summary>
    public static RuntimeEvent Make(DateTimeOffset ts, string name, string? service, string? node, params (string Key, object? Value)[] fields)
    {
        var map = new Dictionary<string, string>(fields.Length);
        foreach (var (key, value) in fields)
        {
            map[key] = value?.ToString() ?? string.Empty;
        }

        return new RuntimeEvent(ts, name, service, node, map);
    }

    /// <summary>Publishes from inside an actor.</summary>
    public static void Emit(this IActorContext context, string name, params (string Key, object? Value)[] fields) =>
        Publish(context.System, name, fields);
}

using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Serialization;

namespace Actors.Node;

/// <summary>Takes the place of Akka's JSON serializer (id 1) on a node. Akka's JSON serializer instantiates whatever
/// type a payload's <c>$type</c> names, the classic .NET deserialization gadget path, and a remote peer chooses the
/// serializer id, so an allow-list on Hyperion alone would not close it. Nodes send everything through Hyperion;
/// a payload that arrives as JSON is refused, reported as a <c>serialization.refused</c> event, and dropped.</summary>
public sealed class RefusedJsonSerializer : Serializer
{
    /// <summary>Created by Akka from <c>akka.actor.serializers.json</c>; Akka's JSON settings are ignored.</summary>
    public RefusedJsonSerializer(ExtendedActorSystem system, Config config)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => 1;

    /// <inheritdoc />
    public override bool IncludeManifest => false;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) =>
        throw new SerializationException($"Refused to serialize '{obj.GetType().FullName}' as JSON: nodes send messages through Hyperion only.");

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type)
    {
        var named = JsonTypeName(bytes) ?? type?.FullName ?? "unknown";
        var refused = $"Refused to deserialize '{named}': JSON payloads are not accepted on this node.";
        RuntimeEvents.Publish(system, "serialization.refused", ("type", named), ("serializer", "json"));
        system.Log.Warning("{0}", refused);
        throw new SerializationException(refused);
    }

    private static string? JsonTypeName(byte[] bytes)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(bytes);
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && json.RootElement.TryGetProperty("$type", out var t) ? t.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

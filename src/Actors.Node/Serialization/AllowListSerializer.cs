using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Serialization;
using Hyperion.Internal;

namespace Actors.Node;

/// <summary>Hyperion, deserializing only the types the node's HOCON lists under
/// <c>akka.actor.serialization-settings.hyperion.allowed-types</c> (the registered message types) and never one of
/// Hyperion's known unsafe types. A refused payload becomes a <c>serialization.refused</c> runtime event naming its
/// type, an Akka warning and a <see cref="SerializationException"/> naming it too, which Akka.Remote logs and drops while the
/// association stays up.</summary>
public sealed class AllowListSerializer : HyperionSerializer
{
    /// <summary>Created by Akka from <c>akka.actor.serializers.hyperion</c> with its settings section.</summary>
    public AllowListSerializer(ExtendedActorSystem system, Config config)
        : base(system, Filtered(HyperionSerializerSettings.Create(config), config))
    {
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type)
    {
        try
        {
            return base.FromBinary(bytes, type);
        }
        catch (SerializationException e) when (Refused(e) is { } name)
        {
            var refused = $"Refused to deserialize '{name}': it is not a message type a service on this node registered.";
            RuntimeEvents.Publish(system, "serialization.refused", ("type", name), ("serializer", "hyperion"));
            system.Log.Warning("{0}", refused);
            throw new SerializationException(refused, e);
        }
    }

    private static HyperionSerializerSettings Filtered(HyperionSerializerSettings settings, Config config)
    {
        var allowed = config.GetStringList("allowed-types").Select(name => Type.GetType(name, throwOnError: true)!);
        return new HyperionSerializerSettings(settings.PreserveObjectReferences, settings.VersionTolerance, settings.KnownTypesProvider,
            settings.PackageNameOverrides, settings.Surrogates, disallowUnsafeType: true, new TypeNameFilter(allowed));
    }

    private static string? Refused(Exception e) => e.InnerException switch
    {
        EvilDeserializationException evil => evil.BadTypeString,
        TypeLoadException load => load.TypeName,
        _ => null,
    };
}

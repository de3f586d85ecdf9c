using System.Diagnostics;
using Akka.Actor;
using Akka.Serialization;
using Hyperion;

namespace Actors.Node.Tests;

/// <summary>Only registered message types deserialize on a node; a payload naming any other type is refused,
/// reported naming the type, and the node goes on serving registered messages over the same association.</summary>
public sealed class SafeDeserializationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Payloads_of_unregistered_and_gadget_types_are_refused_and_logged_and_the_node_still_answers()
    {
        var events = new EventLog();
        var vault = await Node.StartAsync(RecordingServices.Vault, LocalCluster.NodeOptions(1), events: events.Add);
        // The sender registers the smuggled types, so its Hyperion and a stock JSON serializer write them unfiltered.
        var sender = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(2) with { Seeds = [vault.Address.ToString()] },
            [typeof(Smuggled), typeof(FileInfo), typeof(System.Windows.Data.ObjectDataProvider), typeof(Ping), typeof(Pong)], events.Add);
        try
        {
            var serialization = sender.System.Serialization;
            var unfiltered = new HyperionSerializer((ExtendedActorSystem)sender.System, new HyperionSerializerSettings(
                true, true, typeof(NoKnownTypes), [], [], disallowUnsafeType: false, DisabledTypeFilter.Instance));
            serialization.AddSerializationMap(typeof(FileInfo), unfiltered);
            serialization.AddSerializationMap(typeof(System.Windows.Data.ObjectDataProvider), unfiltered);
            serialization.AddSerializationMap(typeof(JsonSmuggled), new NewtonSoftJsonSerializer((ExtendedActorSystem)sender.System));
            var marker = Path.Combine(Path.GetTempPath(), $"gadget-{Guid.NewGuid():N}");
            var to = ServiceRef.To(sender.System, RecordingServices.Vault);

            to.Tell(new Smuggled("not registered"));
            to.Tell(new FileInfo(marker));
            to.Tell(new System.Windows.Data.ObjectDataProvider("/bin/touch", marker));
            to.Tell(new JsonSmuggled(marker));
            var reply = await to.Ask<Pong>(new Ping("still there"), Timeout);

            Assert.Equal("still there", reply.Text);
            foreach (var name in new[] { typeof(Smuggled).FullName!, "System.IO.FileInfo", "System.Windows.Data.ObjectDataProvider", typeof(JsonSmuggled).FullName! })
            {
                var refused = await Expect(events, e => e.Event == "serialization.refused" && e.Fields["type"].Contains(name));
                Assert.Equal(vault.Name, refused.Node);
                await Expect(events, e => e.Event == "akka.warning" && e.Fields["message"].Contains($"Refused to deserialize '{name}"));
            }

            Assert.DoesNotContain(events.All, e => e.Event == "received" && e.Fields["type"] != typeof(Ping).FullName);
            Assert.Single(events.All, e => e.Event == "received");
            Assert.False(File.Exists(marker));
            Assert.False(vault.Terminated.IsCompleted);
            Assert.Equal("again", (await to.Ask<Pong>(new Ping("again"), Timeout)).Text);
        }
        finally
        {
            await Task.WhenAll(sender.StopAsync(), vault.StopAsync());
        }
    }

    private static async Task<RuntimeEvent> Expect(EventLog events, Func<RuntimeEvent, bool> match)
    {
        try
        {
            // Events of several refusals interleave, so an earlier wait may already have passed this one.
            return events.All.FirstOrDefault(match) ?? await events.WaitForAsync(match, Timeout);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException("expected event not seen; events:\n" + string.Join("\n",
                events.All.Select(e => $"{e.Event} {string.Join("; ", e.Fields.Select(f => $"{f.Key}={f.Value}"))}")));
        }
    }

    [Fact]
    public void A_registered_type_and_what_it_is_made_of_are_allowed_and_nothing_else()
    {
        var allowed = AllowedTypes.Closure([typeof(Envelope)]);

        Assert.Contains(typeof(Envelope), allowed);
        Assert.Contains(typeof(Ping), allowed);
        Assert.Contains(typeof(Ping[]), allowed);
        Assert.Contains(typeof(List<Ping>), allowed);
        Assert.DoesNotContain(typeof(object), allowed);
        Assert.DoesNotContain(typeof(Process), allowed);
        Assert.DoesNotContain(typeof(string), allowed);
    }

    [Fact]
    public void The_node_hocon_binds_unregistered_types_to_the_filtered_hyperion_and_replaces_json()
    {
        var hocon = Akka.Configuration.ConfigurationFactory.ParseString(
            NodeHocon.Render(LocalCluster.NodeOptions(1), "vault", RecordingServices.Vault.MessageTypes));

        Assert.Equal("hyperion", hocon.GetString("akka.actor.serialization-bindings.\"System.Object\""));
        Assert.StartsWith("Actors.Node.RefusedJsonSerializer", hocon.GetString("akka.actor.serializers.json"));
        var allowed = hocon.GetStringList("akka.actor.serialization-settings.hyperion.allowed-types");
        Assert.Contains(allowed, t => t.StartsWith(typeof(Ping).FullName + ",", StringComparison.Ordinal));
        Assert.Contains(allowed, t => t.StartsWith(typeof(Summon).FullName + ",", StringComparison.Ordinal));
        Assert.DoesNotContain(allowed, t => t.StartsWith(typeof(Smuggled).FullName + ",", StringComparison.Ordinal));
    }
}

public sealed record Smuggled(string Text);

public sealed class NoKnownTypes : IKnownTypesProvider
{
    public IEnumerable<Type> GetKnownTypes() => [];
}

public sealed record JsonSmuggled(string Path);

public sealed record Envelope(string Id, IReadOnlyList<Ping> Pings, object Anything);

/// <summary>Publishes a <c>received</c> event naming the type of every message it gets; answers pings.</summary>
public sealed class RecordingActor : OtpActor
{
    public RecordingActor()
    {
        ReceiveAny(m =>
        {
            Context.Emit("received", ("type", m.GetType().FullName));
            if (m is Ping p)
            {
                Sender.Tell(new Pong(p.Text, "vault"));
            }
        });
    }
}

public static class RecordingServices
{
    public static ServiceSpec Vault { get; } =
        new ServiceSpec("vault", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<RecordingActor>("vault")))
            .Accepts<Ping>()
            .Accepts<Pong>();
}

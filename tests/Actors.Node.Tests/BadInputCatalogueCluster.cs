using Akka.Actor;

namespace Actors.Node.Tests;

/// <summary>Two nodes for the catalogue's oversized-message rows: one of the pong service and a caller that reaches
/// it through <see cref="ServiceRef"/> over loopback remoting.</summary>
public sealed class BadInputCatalogueCluster : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public ServiceSpec Service { get; } = TestServices.Pong(instances: 1);

    public Node Pong { get; private set; } = null!;

    public Node Caller { get; private set; } = null!;

    public IActorRef ToPong => ServiceRef.To(Caller.System, Service);

    /// <summary>The caller's maximum remoting frame size in bytes (Akka's <c>maximum-frame-size</c>).</summary>
    public long MaximumFrame => Caller.System.Settings.Config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size", null)!.Value;

    /// <summary>How many bytes <paramref name="message"/> takes serialized the way remoting serializes it.</summary>
    public int SerializedSize(object message) => Caller.System.Serialization.FindSerializerFor(message).ToBinary(message).Length;

    public async Task InitializeAsync()
    {
        Pong = await Node.StartAsync(Service, LocalCluster.NodeOptions(1));
        Caller = await Node.StartAsync(TestServices.Caller, LocalCluster.NodeOptions(2) with { Seeds = [Pong.Address.ToString()] }, Service.MessageTypes);
        await Caller.WhenMembersUpAsync(2).WaitAsync(Timeout);
    }

    public async Task DisposeAsync() => await Task.WhenAll(Caller.StopAsync(), Pong.StopAsync());
}

using Actors.Node;
using Akka.Actor;

namespace Actors.Benchmarks;

/// <summary>Cross-node ping-pong over loopback, one request in flight: two Actors nodes (a cluster, the
/// allow-listed Hyperion serializer, requests through <see cref="ServiceRef"/>) against two plain Akka.NET
/// systems with the remote provider and Akka's default JSON serializer, asking an echo actor by path.</summary>
internal static class RemotePingPong
{
    public static async Task<Trials.Paired> MeasureAsync(int trials, int roundTrips)
    {
        var caller = await Node.Node.StartAsync(EchoService.Spec, LocalCluster.NodeOptions(1) with { Seeds = [] });
        var echo = await Node.Node.StartAsync(EchoService.Spec, LocalCluster.NodeOptions(2) with { Seeds = [caller.Address.ToString()] });
        await caller.WhenMembersUpAsync(2);
        var plainB = ActorSystem.Create("plain", PlainAkka.Config(PlainAkka.Provider.Remote));
        var plainA = ActorSystem.Create("plain", PlainAkka.Config(PlainAkka.Provider.Remote));
        try
        {
            plainB.ActorOf(Props.Create(() => new EchoService.PlainEcho()), "echo");
            var port = ((ExtendedActorSystem)plainB).Provider.DefaultAddress.Port;
            var plainTarget = plainA.ActorSelection($"akka.tcp://plain@127.0.0.1:{port}/user/echo");
            var ours = ServiceRef.To(caller.System, EchoService.Spec);

            // Warm both paths (associations, serializers) before timing.
            await RunAsync(id => plainTarget.Ask<Echo>(new Echo(id), TimeSpan.FromSeconds(10)), 200);
            await RunAsync(id => ours.Ask<Echo>(new Echo(id), TimeSpan.FromSeconds(10)), 200);
            return await Trials.AlternateAsync(trials, roundTrips,
                () => RunAsync(id => plainTarget.Ask<Echo>(new Echo(id), TimeSpan.FromSeconds(10)), roundTrips),
                () => RunAsync(id => ours.Ask<Echo>(new Echo(id), TimeSpan.FromSeconds(10)), roundTrips));
        }
        finally
        {
            await Task.WhenAll(plainA.Terminate(), plainB.Terminate());
            await echo.StopAsync();
            await caller.StopAsync();
        }
    }


    private static async Task RunAsync(Func<int, Task<Echo>> ask, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var reply = await ask(i);
            if (reply.Id != i)
            {
                throw new InvalidOperationException($"echo {reply.Id} for request {i}");
            }
        }
    }
}

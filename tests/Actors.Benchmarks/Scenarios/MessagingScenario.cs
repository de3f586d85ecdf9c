using Actors;
using Akka.Actor;
using static Actors.Benchmarks.MessagingActors;

namespace Actors.Benchmarks;

/// <summary><c>messaging</c>: local tell and ping-pong through the public API (OtpActor children of an
/// OtpSupervisor) against plain Akka.NET ReceiveActors in the same ActorSystem and run.</summary>
public sealed class MessagingScenario : IScenario
{
    private const int Trials = 15;
    private const int Tells = 1_000_000;
    private const int RoundTrips = 100_000;
    private const int RemoteTrials = 5;
    private const int RemoteRoundTrips = 3_000;

    /// <inheritdoc />
    public string Name => "messaging";

    /// <inheritdoc />
    public string Description => "local tell and ping-pong through the public API vs plain Akka.NET (goal >= 0.95x); cross-node ping-pong vs the default JSON serializer (goal >= 2x)";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Measurement>> RunAsync(Action<string> progress)
    {
        using var system = ActorSystem.Create("bench", PlainAkka.Config());
        var supervisor = system.ActorOf(OtpSupervisor.Props(new SupervisorSpec(RestartStrategy.OneForOne,
            ChildSpec.Worker<OtpCounter>("counter"),
            ChildSpec.Worker<OtpPingPong>("ping"),
            ChildSpec.Worker<OtpPingPong>("pong"))), "sup");
        var children = (await supervisor.WhichChildrenAsync()).ToDictionary(c => c.Id, c => c.Ref!);

        progress($"local tell: {Tells:N0} queued messages processed, x {Trials} trials each");
        var plainCounter = system.ActorOf<PlainCounter>("plain-counter");
        var tell = await Benchmarks.Trials.AlternateTimedAsync(Trials, Tells, () => TellAsync(plainCounter), () => TellAsync(children["counter"]));

        progress($"local ping-pong: {RoundTrips:N0} round trips x {Trials} trials each");
        var plainPing = system.ActorOf<PlainPingPong>("plain-ping");
        var plainPong = system.ActorOf<PlainPingPong>("plain-pong");
        var pingPong = await Benchmarks.Trials.AlternateAsync(Trials, RoundTrips,
            () => PingPongAsync(plainPing, plainPong), () => PingPongAsync(children["ping"], children["pong"]));

        await system.Terminate();
        progress($"cross-node ping-pong over loopback: {RemoteRoundTrips:N0} asks, one in flight, x {RemoteTrials} trials each");
        var remote = await RemotePingPong.MeasureAsync(RemoteTrials, RemoteRoundTrips);
        return
        [
            Measurement.FromTrials("local tell (processing)", "msg/s", tell, "plain Akka.NET ReceiveActor", ">= 0.95"),
            Measurement.FromTrials("local ping-pong", "round trips/s", pingPong, "plain Akka.NET ReceiveActor", ">= 0.95"),
            Measurement.FromTrials("cross-node ping-pong (ask)", "round trips/s", remote, "plain Akka.NET remoting, default JSON serializer", ">= 2"),
        ];
    }

    /// <summary>Queues the messages while the counter is held, then times only their processing: the cost
    /// an actor pays per message, which is where the public API could add any.</summary>
    private static async Task<TimeSpan> TellAsync(IActorRef counter)
    {
        using var gate = new ManualResetEventSlim();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        counter.Tell(new Gate(gate));
        counter.Tell(new Expect(Tells, done));
        var ball = new Ball(0);
        for (var i = 0; i < Tells; i++)
        {
            counter.Tell(ball);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        gate.Set();
        await done.Task;
        return watch.Elapsed;
    }

    private static Task PingPongAsync(IActorRef ping, IActorRef pong)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ping.Tell(new Serve(pong, RoundTrips, done));
        return done.Task;
    }
}

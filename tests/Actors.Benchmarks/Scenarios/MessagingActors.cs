using Actors;
using Akka.Actor;

namespace Actors.Benchmarks;

/// <summary>The same counting and ping-pong actors twice: on plain Akka.NET and on the public API (<see cref="OtpActor"/>).</summary>
internal static class MessagingActors
{
    public sealed record Expect(int Count, TaskCompletionSource Done);

    public sealed record Ball(int Remaining);

    public sealed record Serve(IActorRef Partner, int RoundTrips, TaskCompletionSource Done);

    public sealed class PlainCounter : ReceiveActor
    {
        public PlainCounter() => Counting(this, Receive, Receive);
    }

    public sealed class OtpCounter : OtpActor
    {
        public OtpCounter() => Counting(this, Receive, Receive);
    }

    public sealed class PlainPingPong : ReceiveActor
    {
        public PlainPingPong() => PingPong(Receive, Receive);
    }

    public sealed class OtpPingPong : OtpActor
    {
        public OtpPingPong() => PingPong(Receive, Receive);
    }

    private static void Counting(ActorBase self, Action<Action<Expect>, Predicate<Expect>?> expect, Action<Action<Ball>, Predicate<Ball>?> count)
    {
        var left = 0;
        TaskCompletionSource? done = null;
        expect(e => (left, done) = (e.Count, e.Done), null);
        count(_ =>
        {
            if (--left == 0)
            {
                done!.SetResult();
            }
        }, null);
    }

    private static void PingPong(Action<Action<Serve>, Predicate<Serve>?> serve, Action<Action<Ball>, Predicate<Ball>?> ball)
    {
        TaskCompletionSource? done = null;
        serve(s =>
        {
            done = s.Done;
            s.Partner.Tell(new Ball((s.RoundTrips * 2) - 1), ActorCell.GetCurrentSelfOrNoSender()!);
        }, null);
        ball(b =>
        {
            if (b.Remaining == 0)
            {
                done?.SetResult();
                return;
            }

            ActorCell.GetCurrentSenderOrNoSender()!.Tell(new Ball(b.Remaining - 1), ActorCell.GetCurrentSelfOrNoSender());
        }, null);
    }
}

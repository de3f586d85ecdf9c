using Actors;
using Akka.Actor;

namespace Actors.Benchmarks;

/// <summary>The same counting and ping-pong actors twice: on plain Akka.NET and on the public API (<see cref="OtpActor"/>).</summary>
internal static class MessagingActors
{
    public sealed record Expect(int Count, TaskCompletionSource Done);

    public sealed record Ball(int Remaining);

    /// <summary>Holds the counter until released, so that a run's messages are all queued before timing starts.</summary>
    public sealed record Gate(ManualResetEventSlim Open);

    public sealed record Serve(IActorRef Partner, int RoundTrips, TaskCompletionSource Done);

    public sealed class PlainCounter : ReceiveActor
    {
        public PlainCounter()
        {
            var count = new Counting();
            Receive<Gate>(count.Hold);
            Receive<Expect>(count.Arm);
            Receive<Ball>(count.Count);
        }
    }

    public sealed class OtpCounter : OtpActor
    {
        public OtpCounter()
        {
            var count = new Counting();
            Receive<Gate>(count.Hold);
            Receive<Expect>(count.Arm);
            Receive<Ball>(count.Count);
        }
    }

    public sealed class PlainPingPong : ReceiveActor
    {
        public PlainPingPong()
        {
            var rally = new Rally(() => Self, () => Sender);
            Receive<Serve>(rally.Serve);
            Receive<Ball>(rally.Return);
        }
    }

    public sealed class OtpPingPong : OtpActor
    {
        public OtpPingPong()
        {
            var rally = new Rally(() => Self, () => Sender);
            Receive<Serve>(rally.Serve);
            Receive<Ball>(rally.Return);
        }
    }

    private sealed class Counting
    {
        private int _left;
        private TaskCompletionSource? _done;

        public void Hold(Gate gate) => gate.Open.Wait();

        public void Arm(Expect expect) => (_left, _done) = (expect.Count, expect.Done);

        public void Count(Ball ball)
        {
            if (--_left == 0)
            {
                _done!.SetResult();
            }
        }
    }

    private sealed class Rally(Func<IActorRef> self, Func<IActorRef> sender)
    {
        private TaskCompletionSource? _done;

        // 2N - 1 down to 0 is 2N messages: N round trips, the last one landing back on the server.
        public void Serve(Serve serve)
        {
            _done = serve.Done;
            serve.Partner.Tell(new Ball((serve.RoundTrips * 2) - 1), self());
        }

        public void Return(Ball ball)
        {
            if (ball.Remaining == 0)
            {
                _done?.SetResult();
                return;
            }

            sender().Tell(new Ball(ball.Remaining - 1), self());
        }
    }
}

using Actors;
using Akka.Actor;

namespace Hello;

/// <summary>Every tick, asks the greeter service (on other nodes) to greet the next name and reports the
/// reply; every third tick it sends the poison name instead.</summary>
public sealed class Front : OtpActor, IWithTimers
{
    private static readonly string[] Names = ["world", "erlang", Greeter.Poison];

    public Front(TimeSpan tick)
    {
        var greeter = ServiceRef.To(Context.System, HelloServices.Greeter);
        var count = 0;
        Receive<Tick>(_ =>
        {
            var name = Names[count++ % Names.Length];
            if (name == Greeter.Poison)
            {
                greeter.Tell(new Greet(name));
                return;
            }

            greeter.Ask<Greeting>(new Greet(name), TimeSpan.FromSeconds(2)).PipeTo(Self, failure: e => new Status.Failure(e));
        });
        Receive<Greeting>(g => Context.Emit("hello.reply", ("text", g.Text), ("from", g.Node)));
        Receive<Status.Failure>(f => Context.Emit("hello.timeout", ("error", f.Cause.Message)));
        Timers!.StartPeriodicTimer("tick", Tick.Instance, tick);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }
}

using Actors;
using Akka.Actor;

namespace Actors.Node.Tests;

public sealed record Ping(string Text);

public sealed record Pong(string Text, string Node);

/// <summary>Answers pings with the node it runs on; crashes on "crash"; makes its root give up on "fatal".</summary>
public sealed class PongActor : OtpActor
{
    public PongActor()
    {
        var node = NodeIdentity.For(Context.System).Node!;
        Receive<Ping>(p => p.Text == "crash", _ => throw new InvalidOperationException("crash requested"));
        Receive<Ping>(p => Sender.Tell(new Pong(p.Text, node)));
    }
}

public static class TestServices
{
    public static ServiceSpec Pong(int instances = 2, int intensity = 5) =>
        new ServiceSpec("pong", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<PongActor>("pong"))
                .WithIntensity(intensity, TimeSpan.FromSeconds(30)))
            .Accepts<Ping>()
            .Accepts<Pong>()
            .WithScaling(Scaling.Fixed(instances));

    public static ServiceSpec Caller { get; } =
        new("caller", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<PongActor>("idle")));
}

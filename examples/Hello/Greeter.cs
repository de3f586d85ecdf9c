using Actors;
using Akka.Actor;

namespace Hello;

/// <summary>Greets people. Crashes on the poison name, so that its supervisor restarts it.</summary>
public sealed class Greeter : OtpActor
{
    public const string Poison = "poison";

    public Greeter()
    {
        var node = NodeIdentity.For(Context.System).Node ?? "local";
        Receive<Greet>(g => g.Name == Poison, g => throw new InvalidOperationException($"cannot greet '{g.Name}'"));
        Receive<Greet>(g => Sender.Tell(new Greeting($"Hello, {g.Name}!", node)));
    }
}

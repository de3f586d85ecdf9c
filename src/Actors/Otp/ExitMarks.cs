using System.Collections.Concurrent;
using Akka.Actor;

namespace Actors;

/// <summary>Exit reasons imposed on an actor from outside (brutal kill, <c>exit(Pid, kill)</c>), left for the
/// actor to read in its PostStop, since a stop ordered by another actor carries no reason in Akka. An exiting
/// actor with children marks itself too, so that the children Akka stops with it can read why.</summary>
internal sealed class ExitMarks : IExtension
{
    private readonly ConcurrentDictionary<IActorRef, ExitReason> _marks = new();

    public static ExitMarks For(ActorSystem system) => system.WithExtension<ExitMarks, ExitMarksProvider>();

    public void Mark(IActorRef actor, ExitReason reason) => _marks[actor] = reason;

    public ExitReason? Take(IActorRef actor) => _marks.TryRemove(actor, out var reason) ? reason : null;

    public ExitReason? Peek(IActorRef actor) => _marks.TryGetValue(actor, out var reason) ? reason : null;

    private sealed class ExitMarksProvider : ExtensionIdProvider<ExitMarks>
    {
        public override ExitMarks CreateExtension(ExtendedActorSystem system) => new();
    }
}

using System.Reflection;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Util;

namespace Actors;

public sealed partial class OtpSupervisor
{
    /// <summary>Akka's part of supervision reduced to "stop the failed child and remember why": the OTP
    /// decision is taken when its <see cref="Terminated"/> arrives.</summary>
    private sealed class FailureRecorder(OtpSupervisor owner) : SupervisorStrategy
    {
        public override IDecider Decider { get; } = new LocalOnlyDecider(_ => Directive.Stop);

        public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause,
            ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
        {
            var reason = ExitReason.Error(InitCause(cause));
            owner._reasons.TryAdd(child, reason);

            // The child reads this in its PostStop (and its own children, stopped with it, peek at it).
            ExitMarks.For(context.System).Mark(child, reason);
            context.Stop(child);
        }

        public override void HandleChildTerminated(IActorContext actorContext, IActorRef child, IEnumerable<IInternalActorRef> children)
        {
        }

        public override ISurrogate ToSurrogate(ActorSystem system) =>
            throw new NotSupportedException("An OTP supervisor's strategy is local to it.");

        protected override Directive Handle(IActorRef child, Exception exception) => Directive.Stop;

        // A throwing constructor reaches us as ActorInitializationException > TypeLoadException (Akka's
        // "Error while creating actor instance") > TargetInvocationException (reflection) > the child's own
        // exception; OTP reports what init raised, so the reason is that innermost one.
        private static Exception InitCause(Exception cause)
        {
            if (cause is not ActorInitializationException { InnerException: { } error })
            {
                return cause;
            }

            while (error is TypeLoadException or TargetInvocationException && error.InnerException is { } inner)
            {
                error = inner;
            }

            return error;
        }
    }
}

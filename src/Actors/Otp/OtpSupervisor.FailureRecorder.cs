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
            var error = cause is ActorInitializationException { InnerException: { } inner } ? inner : cause;
            owner._reasons.TryAdd(child, ExitReason.Error(error));
            context.Stop(child);
        }

        public override void HandleChildTerminated(IActorContext actorContext, IActorRef child, IEnumerable<IInternalActorRef> children)
        {
        }

        public override ISurrogate ToSurrogate(ActorSystem system) =>
            throw new NotSupportedException("An OTP supervisor's strategy is local to it.");

        protected override Directive Handle(IActorRef child, Exception exception) => Directive.Stop;
    }
}

using Akka.Actor;

namespace Actors;

/// <summary>An exit signal (Erlang's <c>{'EXIT', From, Reason}</c>). An <see cref="OtpActor"/> that traps
/// exits receives it as a message; one that does not dies with the same reason unless it is normal.</summary>
/// <param name="From">Who sent the signal: a linked actor that exited, or a supervisor ordering a shutdown.</param>
/// <param name="Reason">The exit reason.</param>
public sealed record ExitSignal(IActorRef From, ExitReason Reason) : OtpSignal;

/// <summary>Delivered to a monitoring actor when the monitored one exits (<c>{'DOWN', Ref, process, Pid, Reason}</c>).</summary>
/// <param name="Actor">The actor that exited.</param>
/// <param name="Reason">Its exit reason; <c>noproc</c> if it did not exist, <c>noconnection</c> if its node was lost.</param>
public sealed record Down(IActorRef Actor, ExitReason Reason);

/// <summary>Runtime-internal link and monitor protocol between <see cref="OtpActor"/>s.</summary>
internal static class OtpProtocol
{
    internal sealed record Link(IActorRef From) : OtpSignal;

    internal sealed record Unlink(IActorRef From) : OtpSignal;

    internal sealed record Monitor(IActorRef From) : OtpSignal;

    internal sealed record Demonitor(IActorRef From) : OtpSignal;

    /// <summary>Sent by an exiting actor to its parent and monitors just before it terminates, so that the
    /// <see cref="Terminated"/> that follows can be given a reason.</summary>
    internal sealed record ExitNotice(IActorRef From, ExitReason Reason) : OtpSignal;
}

/// <summary>The messages the runtime handles before an <see cref="OtpActor"/>'s own handlers. A base class
/// rather than a marker interface: ordinary messages then pay one cheap class test on their way in.</summary>
public abstract record OtpSignal
{
    private protected OtpSignal()
    {
    }
}

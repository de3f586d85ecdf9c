using Akka.Actor;

namespace Actors;

public sealed partial class OtpSupervisor
{
    // OTP's supervisor is synchronous: while it starts or stops a child it waits for that child alone and
    // leaves every other message in its mailbox. Here a plan is a queue of steps run one at a time; a step
    // that waits for a child makes the supervisor busy, and other messages are deferred until the plan ends.
    private readonly Queue<Action> _plan = new();
    private readonly Dictionary<IActorRef, Stopping> _stopping = [];
    private readonly HashSet<IActorRef> _diedWhileBusy = [];
    private PendingStart? _starting;
    private long _correlation;

    // Messages that arrived while a plan ran, with their senders, handled in arrival order once it is done.
    // One queue rather than Akka's stash: unstashing everything after each step and stashing it again costs
    // O(waiting) per step, which made a burst of n child deaths cost O(n^2).
    private readonly Queue<(object Message, IActorRef Sender)> _deferred = new();
    private IActorRef? _replayingFor;
    private bool _exiting;

    private bool Busy => _starting is not null || _stopping.Count > 0;

    /// <summary>Who sent the message being handled, whether it came from the mailbox or was deferred.</summary>
    private IActorRef From => _replayingFor ?? Sender;

    private void Enqueue(Action step) => _plan.Enqueue(step);

    private void Defer(object message)
    {
        if (message is Terminated dead && _running.ContainsKey(dead.ActorRef))
        {
            _diedWhileBusy.Add(dead.ActorRef);
        }

        _deferred.Enqueue((message, Sender));
    }

    private void Run()
    {
        while (true)
        {
            while (!Busy && _plan.TryDequeue(out var step))
            {
                step();
            }

            // Once the supervisor has exited, what it deferred goes unanswered, as mail left in a dead process does.
            if (_exiting || Busy || !_deferred.TryDequeue(out var next))
            {
                return;
            }

            _replayingFor = next.Sender;
            try
            {
                Handle(next.Message);
            }
            finally
            {
                _replayingFor = null;
            }
        }
    }

    private void StartStep(Child child, Action<Child, ExitReason?> done)
    {
        Props props;
        try
        {
            props = child.Spec.Start(child.Argument);
        }
        catch (Exception e)
        {
            done(child, ExitReason.Error(e));
            return;
        }

        IActorRef actor;
        try
        {
            actor = Context.ActorOf(props, ActorName(child));
        }
        catch (InvalidActorNameException e)
        {
            done(child, ExitReason.Error(e));
            return;
        }

        Context.Watch(actor);
        child.Ref = actor;
        child.IsOtpActor = typeof(OtpActor).IsAssignableFrom(props.Type);
        _running[actor] = child;
        _starting = new PendingStart(child, ++_correlation, done);

        // Akka answers Identify as soon as the actor exists, but OTP's start of a supervisor returns only once
        // its init has started all its children: a nested supervisor answers AwaitStarted when its plan is done.
        actor.Tell(typeof(OtpSupervisor).IsAssignableFrom(props.Type) ? new AwaitStarted(_correlation) : new Identify(_correlation));
    }

    private string ActorName(Child child) => child.Id;

    private void StopStep(Child child, ExitReason signal)
    {
        if (child.Ref is not { } actor)
        {
            return;
        }

        _running.Remove(actor);
        child.Ref = null;
        if (_diedWhileBusy.Remove(actor))
        {
            // Its Terminated is already stashed; it will be ignored as stale.
            _reasons.Remove(actor);
            return;
        }

        var shutdown = child.Spec.Shutdown;
        ITimer? timer = null;
        if (shutdown.IsBrutalKill)
        {
            Kill(actor);
        }
        else if (!child.IsOtpActor)
        {
            // A plain Akka actor has no exit signal to trap: Akka's stop (PostStop runs) is its graceful exit.
            Context.Stop(actor);
        }
        else
        {
            // The deadline is armed before the signal goes out, so it is running by the time anyone can see the
            // child react (a test advancing a fake clock right after the child reports the signal included).
            if (shutdown.Timeout is { } timeout)
            {
                var self = Self;
                timer = _time.CreateTimer(_ => self.Tell(new ShutdownTimedOut(actor)), null, timeout, Timeout.InfiniteTimeSpan);
            }

            actor.Tell(new ExitSignal(Self, signal));
        }

        _stopping[actor] = new Stopping(child.Id, timer, shutdown.IsBrutalKill ? ExitReason.Killed : signal);
    }

    private void Kill(IActorRef actor)
    {
        ExitMarks.For(Context.System).Mark(actor, ExitReason.Killed);
        Context.Stop(actor);
    }

    /// <summary>Handles what a running step waits for; true if the message was consumed.</summary>
    private bool HandleStep(object message)
    {
        switch (message)
        {
            case ActorIdentity identity when _starting is { } pending && Equals(identity.MessageId, pending.Correlation):
                _starting = null;
                if (identity.Subject is null)
                {
                    // The child died while starting; its Terminated will tell why.
                    _starting = pending with { Correlation = -1 };
                    return true;
                }

                pending.Done(pending.Child, null);
                Run();
                return true;
            case Terminated terminated when _starting is { } pending && terminated.ActorRef.Equals(pending.Child.Ref):
                _starting = null;
                _running.Remove(terminated.ActorRef);
                pending.Child.Ref = null;
                // Any exit before the start completed is a failure, even {shutdown, _} from a nested supervisor
                // whose own children failed to start; its reason is kept as OTP's start error.
                pending.Done(pending.Child, _reasons.Remove(terminated.ActorRef, out var why) ? why : ExitReason.Error("died while starting"));
                Run();
                return true;
            case Terminated terminated when _stopping.Remove(terminated.ActorRef, out var stopping):
                stopping.Timer?.Dispose();
                var reason = _reasons.Remove(terminated.ActorRef, out var told) ? told : stopping.Expected;
                Context.Emit("child.exit", ("child", stopping.Id), ("reason", reason));

                // An OtpActor took its kill mark in PostStop; a plain actor never reads it, and nothing is left
                // that could (its own children stopped before it did).
                ExitMarks.For(Context.System).Take(terminated.ActorRef);
                Run();
                return true;
            case ShutdownTimedOut timedOut when _stopping.ContainsKey(timedOut.Actor):
                Kill(timedOut.Actor);
                return true;
            case ShutdownTimedOut:
                return true;
            default:
                return false;
        }
    }

    private protected override void OnChildExitNotice(OtpProtocol.ExitNotice notice) =>
        _reasons.TryAdd(notice.From, notice.Reason);

    private sealed record PendingStart(Child Child, long Correlation, Action<Child, ExitReason?> Done);

    private sealed record ShutdownTimedOut(IActorRef Actor);

    /// <summary>A child being stopped: its id, its shutdown deadline, and the reason it exits with unless it says otherwise.</summary>
    private sealed record Stopping(string Id, ITimer? Timer, ExitReason Expected);

    /// <summary>Sent by a parent supervisor to a nested one it is starting; answered with an
    /// <see cref="ActorIdentity"/> once the nested supervisor's init has finished.</summary>
    private sealed record AwaitStarted(long Correlation);
}

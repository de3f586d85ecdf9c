using System.Collections.Concurrent;
using System.Reflection;
using Akka.Actor;

namespace Actors;

/// <summary>An actor with Erlang process semantics: an exit reason, links (bidirectional exit propagation,
/// with <see cref="TrapExit"/>) and monitors (one-way <see cref="Down"/> notices). Derive services' actors
/// from it so that OTP supervisors, links and monitors see why they exit.</summary>
public abstract partial class OtpActor : ReceiveActor
{
    private readonly HashSet<IActorRef> _links = [];
    private readonly HashSet<IActorRef> _monitoredBy = [];
    private readonly HashSet<IActorRef> _monitoring = [];
    private readonly Dictionary<IActorRef, ExitReason> _noticed = [];
    private static readonly ConcurrentDictionary<Type, bool> OverridesOnExit = new();
    private readonly bool _overridesOnExit;
    private ExitReason? _exitReason;

    /// <summary>Creates the actor.</summary>
    protected OtpActor() =>
        _overridesOnExit = OverridesOnExit.GetOrAdd(GetType(), static t =>
            t.GetMethod(nameof(OnExit), BindingFlags.Instance | BindingFlags.NonPublic, [typeof(ExitReason)])!.DeclaringType != typeof(OtpActor));

    /// <summary>When true, exit signals from links and from the supervisor arrive as <see cref="ExitSignal"/>
    /// messages instead of killing this actor (Erlang's <c>process_flag(trap_exit, true)</c>).</summary>
    protected bool TrapExit { get; set; }

    /// <summary>Exits this actor with <paramref name="reason"/>: links, monitors and the supervisor see it.</summary>
    protected void Exit(ExitReason reason)
    {
        SetExitReason(reason);
        Context.Stop(Self);
    }

    /// <summary>Links this actor with <paramref name="other"/>: when either exits abnormally the other gets
    /// the exit signal.</summary>
    protected void Link(IActorRef other)
    {
        if (other.Equals(Self) || !_links.Add(other))
        {
            return;
        }

        Context.Watch(other);
        other.Tell(new OtpProtocol.Link(Self));
    }

    /// <summary>Removes a link made by either side.</summary>
    protected void Unlink(IActorRef other)
    {
        if (_links.Remove(other))
        {
            other.Tell(new OtpProtocol.Unlink(Self));
            UnwatchIfUnused(other);
        }
    }

    /// <summary>Monitors <paramref name="target"/>: this actor receives <see cref="Down"/> when it exits.</summary>
    protected void Monitor(IActorRef target)
    {
        if (_monitoring.Add(target))
        {
            Context.Watch(target);
            target.Tell(new OtpProtocol.Monitor(Self));
        }
    }

    /// <summary>Stops monitoring <paramref name="target"/>; no <see cref="Down"/> follows.</summary>
    protected void Demonitor(IActorRef target)
    {
        if (_monitoring.Remove(target))
        {
            target.Tell(new OtpProtocol.Demonitor(Self));
            UnwatchIfUnused(target);
        }
    }

    /// <summary>Called once when the actor has stopped, with the reason links and monitors are told.</summary>
    protected virtual void OnExit(ExitReason reason)
    {
    }

    /// <inheritdoc />
    protected sealed override void PostStop()
    {
        var marks = ExitMarks.For(Context.System);
        var imposed = marks.Take(Self);

        // Stopped by Akka because the parent is going: take the parent's reason, as an Erlang process linked to
        // it would (the children of a killed supervisor die with killed, not normal).
        var reason = _exitReason ?? imposed ?? marks.Peek(Context.Parent) ?? ExitReason.Normal;
        OnExit(reason);
        var notice = new OtpProtocol.ExitNotice(Self, reason);
        Context.Parent.Tell(notice);
        foreach (var monitor in _monitoredBy)
        {
            monitor.Tell(notice);
        }

        foreach (var link in _links)
        {
            link.Tell(new ExitSignal(Self, reason));
        }
    }

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is OtpSignal or Terminated && HandleProtocol(receive, message))
        {
            return true;
        }

        // A crash's reason reaches PostStop through the OTP supervisor's exit mark, or through PreRestart
        // under an Akka parent that restarts. Under any other parent only links, monitors and an OnExit
        // override need it, so only then does the message path pay for catching it.
        if (_links.Count == 0 && _monitoredBy.Count == 0 && !_overridesOnExit)
        {
            return base.AroundReceive(receive, message);
        }

        try
        {
            return base.AroundReceive(receive, message);
        }
        catch (Exception e)
        {
            SetExitReason(ExitReason.Error(e));
            throw;
        }
    }

    /// <inheritdoc />
    protected override void PreRestart(Exception reason, object message)
    {
        SetExitReason(ExitReason.Error(reason));
        base.PreRestart(reason, message);
    }

    private void SetExitReason(ExitReason reason)
    {
        _exitReason ??= reason;
        if (Context.GetChildren().Any())
        {
            // Akka stops the children with this actor, after this and before our PostStop: leave them the reason.
            ExitMarks.For(Context.System).Mark(Self, _exitReason);
        }
    }

    private void UnwatchIfUnused(IActorRef other)
    {
        if (!_links.Contains(other) && !_monitoring.Contains(other))
        {
            Context.Unwatch(other);
        }
    }
}

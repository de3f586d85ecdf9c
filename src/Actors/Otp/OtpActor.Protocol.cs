using Akka.Actor;

namespace Actors;

/// <summary>The link and monitor protocol, handled before the actor's own message handlers.</summary>
public abstract partial class OtpActor
{
    private bool HandleProtocol(Receive receive, object message)
    {
        switch (message)
        {
            case OtpProtocol.Link link:
                if (_links.Add(link.From))
                {
                    Context.Watch(link.From);
                }

                return true;
            case OtpProtocol.Unlink unlink:
                _links.Remove(unlink.From);
                UnwatchIfUnused(unlink.From);
                return true;
            case OtpProtocol.Monitor monitor:
                _monitoredBy.Add(monitor.From);
                return true;
            case OtpProtocol.Demonitor demonitor:
                _monitoredBy.Remove(demonitor.From);
                return true;
            case OtpProtocol.ExitNotice notice:
                if (_monitoring.Contains(notice.From))
                {
                    _noticed[notice.From] = notice.Reason;
                }
                else
                {
                    OnChildExitNotice(notice);
                }

                return true;
            case ExitSignal signal:
                if (_links.Remove(signal.From))
                {
                    UnwatchIfUnused(signal.From);
                }

                OnExitSignal(receive, signal);
                return true;
            case Terminated terminated when _links.Contains(terminated.ActorRef) || _monitoring.Contains(terminated.ActorRef):
                OnTerminated(receive, terminated);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A child told its parent why it is exiting; only supervisors care.</summary>
    private protected virtual void OnChildExitNotice(OtpProtocol.ExitNotice notice)
    {
    }

    private void OnExitSignal(Receive receive, ExitSignal signal)
    {
        if (signal.Reason.Kind == ExitKind.Kill)
        {
            Exit(ExitReason.Killed);
        }
        else if (TrapExit)
        {
            base.AroundReceive(receive, signal);
        }
        else if (signal.Reason.Kind != ExitKind.Normal)
        {
            Exit(signal.Reason);
        }
    }

    private void OnTerminated(Receive receive, Terminated terminated)
    {
        var who = terminated.ActorRef;
        _noticed.Remove(who, out var noticed);
        var reason = noticed
            ?? (terminated.AddressTerminated ? ExitReason.NoConnection
                : terminated.ExistenceConfirmed ? ExitReason.Normal : ExitReason.NoProc);

        if (_monitoring.Remove(who))
        {
            base.AroundReceive(receive, new Down(who, reason));
        }

        // A linked actor that died without sending its exit signal (not an OtpActor, never existed, or its
        // node was lost) still propagates, as Erlang does with noproc and noconnection.
        if (_links.Remove(who))
        {
            OnExitSignal(receive, new ExitSignal(who, reason));
        }
    }
}

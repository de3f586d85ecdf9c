namespace Actors;

public sealed partial class OtpSupervisor
{
    private const string MaxIntensity = "reached_max_restart_intensity";

    private void OnInitialStart(Child child, ExitReason? failure)
    {
        if (failure is null)
        {
            Context.Emit("child.start", ("child", child.Id));
            return;
        }

        // As OTP's init: a child that fails to start fails the supervisor, after the started ones stop.
        _plan.Clear();
        _children.Remove(child);
        Escalate($"failed_to_start_child,{child.Id},{failure}");
    }

    private void OnChildExit(Child child, ExitReason reason)
    {
        if (child.Ref is { } actor)
        {
            _running.Remove(actor);
            child.Ref = null;
        }

        Context.Emit("child.exit", ("child", child.Id), ("reason", reason));

        var restart = child.Spec.Restart;
        if (restart == RestartType.Temporary || (restart == RestartType.Transient && reason.IsNormal))
        {
            if (restart == RestartType.Temporary || IsSimple)
            {
                _children.Remove(child);
            }

            return;
        }

        var counted = _spec.CountNoConnection || reason.Kind != ExitKind.NoConnection;
        if (counted && !_intensity.TryAdd())
        {
            Context.Emit("child.restart.refused", ("child", child.Id), ("reason", reason));
            Escalate(MaxIntensity);
            return;
        }

        Context.Emit("child.restart", ("child", child.Id), ("reason", reason), ("strategy", _spec.Strategy), ("counted", counted));
        var affected = _spec.Strategy switch
        {
            RestartStrategy.OneForAll => _children.ToList(),
            RestartStrategy.RestForOne => _children.Skip(_children.IndexOf(child)).ToList(),
            _ => [child],
        };

        foreach (var sibling in Enumerable.Reverse(affected).Where(c => c != child))
        {
            Enqueue(() => StopStep(sibling, ExitReason.Shutdown));
        }

        // Temporary siblings stopped by the restart are not restarted, and their specs go. (Only touch the
        // list when there are some: scanning every child on each one_for_one restart made n restarts O(n^2).)
        var temporaries = affected.Where(c => c != child && c.Spec.Restart == RestartType.Temporary).ToHashSet();
        if (temporaries.Count > 0)
        {
            _children.RemoveAll(temporaries.Contains);
        }

        foreach (var target in affected.Where(c => !temporaries.Contains(c)))
        {
            Enqueue(() => StartStep(target, OnRestartStarted));
        }
    }

    private void OnRestartStarted(Child child, ExitReason? failure)
    {
        if (failure is null)
        {
            return;
        }

        // OTP retries a failed restart, and each try counts against the intensity.
        Enqueue(() => OnChildExit(child, failure));
    }

    private void Escalate(string why)
    {
        var reason = ExitReason.ShutdownWith(why);
        Context.Emit("supervisor.escalate", ("reason", reason));
        StopAllThen(() => Exit(reason));
    }

    private void StopAllThen(Action then)
    {
        _plan.Clear();
        if (IsSimple)
        {
            // OTP stops simple_one_for_one children all at once, not in order.
            Enqueue(() =>
            {
                foreach (var child in _children.ToList())
                {
                    StopStep(child, ExitReason.Shutdown);
                }
            });
        }
        else
        {
            foreach (var child in Enumerable.Reverse(_children).ToList())
            {
                Enqueue(() => StopStep(child, ExitReason.Shutdown));
            }
        }

        Enqueue(() =>
        {
            _exiting = true;
            then();
        });
    }
}

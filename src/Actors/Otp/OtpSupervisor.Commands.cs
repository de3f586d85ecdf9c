using Akka.Actor;
using static Actors.SupervisorCommands;

namespace Actors;

public sealed partial class OtpSupervisor
{
    private void HandleCommand(object message)
    {
        switch (message)
        {
            case StartChild start when IsSimple:
                Refuse("simple_one_for_one", $"Supervisor {Self.Path.Name} is simple_one_for_one: start instances with StartInstance, not child '{start.Spec.Id}'.");
                break;
            case StartChild start:
                OnStartChild(start.Spec);
                break;
            case StartInstance { Id: { } id } when IsSimple && _children.Any(c => c.Id == id):
                Refuse("already_started", $"An instance '{id}' is already running under {Self.Path.Name}.");
                break;
            case StartInstance instance when IsSimple:
                var template = _spec.Children[0];
                var child = new Child(template, instance.Id ?? $"{template.Id}-{++_instances}", instance.Argument);
                _children.Add(child);
                StartAndReply(child, From, removeOnFailure: true);
                break;
            case StartInstance:
                Refuse("not_simple_one_for_one", $"Supervisor {Self.Path.Name} is not simple_one_for_one; StartInstance needs a template.");
                break;
            case TerminateChild terminate:
                OnTerminateChild(terminate.Id);
                break;
            case RestartChild restart:
                OnRestartChild(restart.Id);
                break;
            case DeleteChild delete:
                OnDeleteChild(delete.Id);
                break;
            case WhichChildren:
                From.Tell((IReadOnlyList<ChildInfo>)_children.Select(c => new ChildInfo(c.Id, c.Ref, c.Spec.Type)).ToList());
                break;
            case CountChildren:
                // As OTP: supervisors and workers count every child of that type, running or not; only active
                // counts the running ones.
                From.Tell(new ChildCounts(
                    IsSimple ? 1 : _children.Count,
                    _children.Count(c => c.Ref is not null),
                    _children.Count(c => c.Spec.Type == ChildType.Supervisor),
                    _children.Count(c => c.Spec.Type == ChildType.Worker)));
                break;
            case AwaitStarted awaiting:
                // Reached only when no plan is running, so the init that started the children is over.
                From.Tell(new ActorIdentity(awaiting.Correlation, Self));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnStartChild(ChildSpec spec)
    {
        if (Find(spec.Id) is { } existing)
        {
            if (existing.Ref is not null)
            {
                Refuse("already_started", $"Child '{spec.Id}' is already running under {Self.Path.Name}.");
            }
            else
            {
                Refuse("already_present", $"Child '{spec.Id}' already has a spec under {Self.Path.Name}; restart or delete it.");
            }

            return;
        }

        var child = new Child(spec, spec.Id, null);
        _children.Add(child);
        StartAndReply(child, From, removeOnFailure: true);
    }

    private void OnTerminateChild(string id)
    {
        if (Find(id) is not { } child)
        {
            Refuse("not_found", $"No child '{id}' under {Self.Path.Name}.");
            return;
        }

        var sender = From;
        Enqueue(() => StopStep(child, ExitReason.Shutdown));
        Enqueue(() =>
        {
            if (IsSimple || child.Spec.Restart == RestartType.Temporary)
            {
                _children.Remove(child);
            }

            sender.Tell(new ChildTerminated(id));
        });
    }

    private void OnRestartChild(string id)
    {
        if (IsSimple)
        {
            Refuse("simple_one_for_one", "restart_child is not allowed on a simple_one_for_one supervisor.");
        }
        else if (Find(id) is not { } child)
        {
            Refuse("not_found", $"No child '{id}' under {Self.Path.Name}.");
        }
        else if (child.Ref is not null)
        {
            Refuse("running", $"Child '{id}' is running; terminate it before restarting it.");
        }
        else
        {
            StartAndReply(child, From, removeOnFailure: false);
        }
    }

    private void OnDeleteChild(string id)
    {
        if (IsSimple)
        {
            Refuse("simple_one_for_one", "delete_child is not allowed on a simple_one_for_one supervisor.");
        }
        else if (Find(id) is not { } child)
        {
            Refuse("not_found", $"No child '{id}' under {Self.Path.Name}.");
        }
        else if (child.Ref is not null)
        {
            Refuse("running", $"Child '{id}' is running; terminate it before deleting it.");
        }
        else
        {
            _children.Remove(child);
            From.Tell(new ChildDeleted(id));
        }
    }

    private void StartAndReply(Child child, IActorRef sender, bool removeOnFailure) =>
        Enqueue(() => StartStep(child, (started, failure) =>
        {
            if (failure is null)
            {
                Context.Emit("child.start", ("child", started.Id));
                sender.Tell(new ChildStarted(started.Id, started.Ref!));
                return;
            }

            if (removeOnFailure)
            {
                _children.Remove(started);
            }

            sender.Tell(new Status.Failure(new SupervisorException("start_failed", $"Child '{started.Id}' failed to start: {failure}.")));
        }));

    private Child? Find(string id) => _children.Find(c => c.Id == id);

    private void Refuse(string error, string message) =>
        From.Tell(new Status.Failure(new SupervisorException(error, message)));
}

using Akka.Actor;

namespace Actors;

/// <summary>An OTP supervisor as an Akka.NET actor, with Erlang's semantics rather than Akka's: children
/// start one at a time in spec order (each must finish starting before the next), stop in reverse order
/// with their shutdown (brutal_kill, a timeout, infinity), restart per strategy and restart type, and when
/// more than <see cref="SupervisorSpec.Intensity"/> restarts happen in <see cref="SupervisorSpec.Period"/>
/// all children are stopped and the supervisor exits with <c>{shutdown,reached_max_restart_intensity}</c>.</summary>
public sealed partial class OtpSupervisor : OtpActor
{
    private readonly SupervisorSpec _spec;
    private readonly TimeProvider _time;
    private readonly RestartIntensity _intensity;
    private readonly List<Child> _children = [];
    private readonly Dictionary<IActorRef, Child> _running = [];
    private readonly Dictionary<IActorRef, ExitReason> _reasons = [];
    private int _instances;

    /// <summary>Creates the supervisor; use <see cref="Props(SupervisorSpec, TimeProvider?)"/>.</summary>
    public OtpSupervisor(SupervisorSpec spec, TimeProvider? time)
    {
        _spec = spec;
        _time = time ?? NodeIdentity.For(Context.System).Time;
        _intensity = new RestartIntensity(spec.Intensity, spec.Period, _time);
        TrapExit = true;
        ReceiveAny(OnMessage);
    }

    private bool IsSimple => _spec.Strategy == RestartStrategy.SimpleOneForOne;

    /// <summary>Props for a supervisor; <paramref name="time"/> defaults to the node's clock.</summary>
    public static Props Props(SupervisorSpec spec, TimeProvider? time = null) =>
        Akka.Actor.Props.Create(() => new OtpSupervisor(spec, time));

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (!IsSimple)
        {
            foreach (var spec in _spec.Children)
            {
                var child = new Child(spec, spec.Id, null);
                _children.Add(child);
                Enqueue(() => StartStep(child, OnInitialStart));
            }
        }

        Run();
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new FailureRecorder(this);

    private void OnMessage(object message)
    {
        if (HandleStep(message))
        {
            return;
        }

        if (Busy || _deferred.Count > 0)
        {
            Defer(message);
            return;
        }

        Handle(message);
        Run();
    }

    private void Handle(object message)
    {
        switch (message)
        {
            case Terminated terminated when _running.TryGetValue(terminated.ActorRef, out var child):
                _diedWhileBusy.Remove(terminated.ActorRef);
                OnChildExit(child, TakeReason(terminated.ActorRef));
                break;
            case Terminated:
                break;
            case ExitSignal signal when signal.From.Equals(Context.Parent) || signal.Reason.Kind == ExitKind.Kill:
                StopAllThen(() => Exit(signal.Reason));
                break;
            case ExitSignal:
                break;
            default:
                HandleCommand(message);
                break;
        }
    }

    private ExitReason TakeReason(IActorRef actor)
    {
        // An OtpActor took its exit mark in PostStop; a plain actor never reads one.
        ExitMarks.For(Context.System).Take(actor);
        return _reasons.Remove(actor, out var reason) ? reason : ExitReason.Normal;
    }

    private sealed class Child(ChildSpec spec, string id, object? argument)
    {
        public ChildSpec Spec { get; } = spec;

        public string Id { get; } = id;

        public object? Argument { get; } = argument;

        public IActorRef? Ref { get; set; }

        public bool IsOtpActor { get; set; }
    }
}

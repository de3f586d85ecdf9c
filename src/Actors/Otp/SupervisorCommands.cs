using Akka.Actor;

namespace Actors;

/// <summary>Messages an <see cref="OtpSupervisor"/> answers, mirroring OTP's <c>supervisor</c> module.
/// Errors are replied as <see cref="Status.Failure"/> carrying a <see cref="SupervisorException"/>.</summary>
public static class SupervisorCommands
{
    /// <summary><c>start_child(Sup, ChildSpec)</c>: adds and starts a child (not for simple_one_for_one).</summary>
    public sealed record StartChild(ChildSpec Spec);

    /// <summary><c>start_child(Sup, ExtraArgs)</c>: starts one instance of a simple_one_for_one template.</summary>
    /// <param name="Argument">What the template's factory receives.</param>
    /// <param name="Id">The instance's id (also its actor name, and what its events name) when the caller has a name
    /// for it, e.g. the node a cluster supervisor's instance runs; unique among the running instances. Null: the
    /// template's id and a sequence number (<c>worker-3</c>).</param>
    public sealed record StartInstance(object? Argument, string? Id = null);

    /// <summary>Reply to a successful start or restart.</summary>
    public sealed record ChildStarted(string Id, IActorRef Ref);

    /// <summary><c>terminate_child</c>: stops a child; its spec is kept unless it is temporary or dynamic.</summary>
    public sealed record TerminateChild(string Id);

    /// <summary>Reply to <see cref="TerminateChild"/>.</summary>
    public sealed record ChildTerminated(string Id);

    /// <summary><c>restart_child</c>: starts a child whose spec is kept but which is not running.</summary>
    public sealed record RestartChild(string Id);

    /// <summary><c>delete_child</c>: removes the spec of a child that is not running.</summary>
    public sealed record DeleteChild(string Id);

    /// <summary>Reply to <see cref="DeleteChild"/>.</summary>
    public sealed record ChildDeleted(string Id);

    /// <summary><c>which_children</c>.</summary>
    public sealed record WhichChildren
    {
        /// <summary>The message.</summary>
        public static WhichChildren Instance { get; } = new();
    }

    /// <summary>One child as <c>which_children</c> reports it; <paramref name="Ref"/> is null when not running.</summary>
    public sealed record ChildInfo(string Id, IActorRef? Ref, ChildType Type);

    /// <summary><c>count_children</c>.</summary>
    public sealed record CountChildren
    {
        /// <summary>The message.</summary>
        public static CountChildren Instance { get; } = new();
    }

    /// <summary>Reply to <see cref="CountChildren"/>, with OTP's meaning: <paramref name="Specs"/> counts child specs
    /// (1 for simple_one_for_one), <paramref name="Active"/> running children, and <paramref name="Supervisors"/>
    /// and <paramref name="Workers"/> every child of that type whether it is running or not.</summary>
    public sealed record ChildCounts(int Specs, int Active, int Supervisors, int Workers);
}

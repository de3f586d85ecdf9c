using Akka.Actor;
using static Actors.SupervisorCommands;

namespace Actors;

/// <summary>Awaitable calls to an <see cref="OtpSupervisor"/>; a refusal throws <see cref="SupervisorException"/>.</summary>
public static class SupervisorClient
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Adds and starts a child.</summary>
    public static Task<ChildStarted> StartChildAsync(this IActorRef supervisor, ChildSpec spec, TimeSpan? timeout = null) =>
        supervisor.Ask<ChildStarted>(new StartChild(spec), timeout ?? DefaultTimeout);

    /// <summary>Starts an instance of a simple_one_for_one template.</summary>
    public static Task<ChildStarted> StartInstanceAsync(this IActorRef supervisor, object? argument, TimeSpan? timeout = null) =>
        supervisor.Ask<ChildStarted>(new StartInstance(argument), timeout ?? DefaultTimeout);

    /// <summary>Starts a simple_one_for_one instance under an id of the caller's (unique among the running instances).</summary>
    public static Task<ChildStarted> StartInstanceAsync(this IActorRef supervisor, string id, object? argument, TimeSpan? timeout = null) =>
        supervisor.Ask<ChildStarted>(new StartInstance(argument, id), timeout ?? DefaultTimeout);

    /// <summary>Terminates a child.</summary>
    public static Task<ChildTerminated> TerminateChildAsync(this IActorRef supervisor, string id, TimeSpan? timeout = null) =>
        supervisor.Ask<ChildTerminated>(new TerminateChild(id), timeout ?? DefaultTimeout);

    /// <summary>Restarts a child that is not running.</summary>
    public static Task<ChildStarted> RestartChildAsync(this IActorRef supervisor, string id, TimeSpan? timeout = null) =>
        supervisor.Ask<ChildStarted>(new RestartChild(id), timeout ?? DefaultTimeout);

    /// <summary>Deletes the spec of a child that is not running.</summary>
    public static Task<ChildDeleted> DeleteChildAsync(this IActorRef supervisor, string id, TimeSpan? timeout = null) =>
        supervisor.Ask<ChildDeleted>(new DeleteChild(id), timeout ?? DefaultTimeout);

    /// <summary>Lists the children in start order.</summary>
    public static Task<IReadOnlyList<ChildInfo>> WhichChildrenAsync(this IActorRef supervisor, TimeSpan? timeout = null) =>
        supervisor.Ask<IReadOnlyList<ChildInfo>>(WhichChildren.Instance, timeout ?? DefaultTimeout);

    /// <summary>Counts the children.</summary>
    public static Task<ChildCounts> CountChildrenAsync(this IActorRef supervisor, TimeSpan? timeout = null) =>
        supervisor.Ask<ChildCounts>(CountChildren.Instance, timeout ?? DefaultTimeout);
}

using Akka.Actor;

namespace Actors;

/// <summary>One child of an OTP supervisor: its id, how to start it, and when and how it is restarted
/// and stopped. The start function receives the argument of a simple_one_for_one <c>start_child</c>
/// call, and null for static children.</summary>
/// <param name="Id">Unique among the supervisor's children.</param>
/// <param name="Start">Makes the props of a new instance.</param>
public sealed record ChildSpec(string Id, Func<object?, Props> Start)
{
    /// <summary>When the child is restarted; permanent by default.</summary>
    public RestartType Restart { get; init; } = RestartType.Permanent;

    /// <summary>How the child is stopped; 5 s for workers and infinity for supervisors by default, as in OTP.</summary>
    public Shutdown Shutdown { get; init; } = Shutdown.Default;

    /// <summary>Worker or supervisor.</summary>
    public ChildType Type { get; init; } = ChildType.Worker;

    /// <summary>A worker started from <paramref name="props"/>.</summary>
    public static ChildSpec Worker(string id, Props props) => new(id, _ => props);

    /// <summary>A worker of actor type <typeparamref name="TActor"/>.</summary>
    public static ChildSpec Worker<TActor>(string id)
        where TActor : ActorBase, new() => new(id, _ => Props.Create<TActor>());

    /// <summary>A template for simple_one_for_one: each <c>start_child</c> argument makes one instance.</summary>
    public static ChildSpec Template(string id, Func<object?, Props> start) => new(id, start);

    /// <summary>A nested OTP supervisor.</summary>
    public static ChildSpec Supervisor(string id, SupervisorSpec spec) =>
        new(id, _ => OtpSupervisor.Props(spec)) { Type = ChildType.Supervisor, Shutdown = Shutdown.Infinity };

    /// <summary>The same spec with another restart type.</summary>
    public ChildSpec WithRestart(RestartType restart) => this with { Restart = restart };

    /// <summary>The same spec with another shutdown.</summary>
    public ChildSpec WithShutdown(Shutdown shutdown) => this with { Shutdown = shutdown };
}

using Akka.Actor;
using Akka.Cluster.Tools.Singleton;

namespace Actors.Supervision;

/// <summary>The cluster supervisor as an Akka.Cluster singleton: every control node (cluster role
/// <see cref="Summon.SupervisorRole"/>) runs this, and the oldest of them runs the <see cref="ActiveSupervisor"/>.
/// When that node dies, a standby downs it (<see cref="ControlPeers"/>) and the singleton moves to the next oldest,
/// whose new supervisor adopts the running nodes. Stopped by its own supervisor (the control node stops), it first
/// shuts the active supervisor's tree down gracefully if it runs here.</summary>
internal sealed class SupervisorSingleton : OtpActor
{
    /// <summary>The singleton's name under its manager.</summary>
    public const string ActiveName = "active";

    private ExitReason _reason = ExitReason.Shutdown;

    public SupervisorSingleton(SupervisorRun run)
    {
        TrapExit = true;
        var settings = ClusterSingletonManagerSettings.Create(Context.System)
            .WithRole(Summon.SupervisorRole)
            .WithSingletonName(ActiveName);
        Context.ActorOf(ClusterSingletonManager.Props(ActiveSupervisor.Props(run), StopTree.Instance, settings), "manager");
        Context.ActorOf(ControlPeers.Props(run.PeerDownAfter), "peers");
        Receive<ExitSignal>(s => s.From.Equals(Context.Parent), s =>
        {
            _reason = s.Reason;
            Context.ActorSelection($"manager/{ActiveName}").Tell(new Identify(null));
        });
        Receive<ExitSignal>(_ => { });
        Receive<ActorIdentity>(id =>
        {
            if (id.Subject is not { } active)
            {
                Exit(_reason); // A standby: nothing runs here.
                return;
            }

            Context.Watch(active);
            active.Tell(StopTree.Instance);
        });
        Receive<Terminated>(_ => Exit(_reason));
    }

    /// <summary>The control node's service: this singleton under an OTP root.</summary>
    public static ServiceSpec Service(SupervisorRun run) =>
        new(ClusterSupervisor.ServiceName, new SupervisorSpec(RestartStrategy.OneForOne,
            ChildSpec.Worker("singleton", Props.Create(() => new SupervisorSingleton(run)))
                .WithShutdown(Shutdown.After(run.Policy.ShutdownTimeout + TimeSpan.FromSeconds(10)))));
}

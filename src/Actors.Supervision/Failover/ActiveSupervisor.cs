using Akka.Actor;

namespace Actors.Supervision;

/// <summary>The cluster singleton: the cluster supervisor while it runs on this control node. It opens the hosts,
/// reconciles them (adopting what an earlier supervisor left running, destroying strays), starts the warm pools,
/// the VM-level supervision tree and the control endpoint. Asked to stop (<see cref="StopTree"/>, sent by the
/// singleton manager on hand-over or by <see cref="SupervisorSingleton"/> when the node stops), it shuts the tree
/// down the OTP way, which stops every node gracefully.</summary>
internal sealed class ActiveSupervisor : ReceiveActor
{
    private readonly SupervisorRun _run;
    private Activation? _activation;
    private IActorRef? _tree;
    private bool _stopping;

    public ActiveSupervisor(SupervisorRun run)
    {
        _run = run;
        Receive<Activation>(OnOpened);
        Receive<Status.Failure>(f =>
        {
            Context.Emit("supervisor.failed", ("error", f.Cause.GetBaseException().Message));
            Context.Stop(Self);
        });
        Receive<StopTree>(_ => Stop());
        Receive<Terminated>(t => t.ActorRef.Equals(_tree), _ =>
        {
            if (!_stopping)
            {
                // The tree gave up (a service past its intensity escalated to the top): as when a permanent
                // application's top supervisor exits in Erlang, the node goes down, and the singleton moves on.
                Context.Emit("supervisor.gave_up");
                CoordinatedShutdown.Get(Context.System).Run(TreeGaveUp.Instance);
            }

            Context.Stop(Self);
        });
    }

    public static Props Props(SupervisorRun run) => Akka.Actor.Props.Create(() => new ActiveSupervisor(run));

    protected override void PreStart()
    {
        Context.Emit("supervisor.active", ("address", Akka.Cluster.Cluster.Get(Context.System).SelfAddress));
        var run = _run;
        OpenAsync(run).PipeTo(Self);
    }

    protected override void PostStop()
    {
        _run.Activated?.Invoke(null);
        if (_activation is { } a)
        {
            _ = a.CloseAsync(_run.OwnsHosts);
        }
    }

    private static async Task<Activation> OpenAsync(SupervisorRun run)
    {
        var (placement, adoption) = await run.OpenAsync();
        placement.StartWarmPools(run.Launch, run.ClusterName, run.PoolEvents);
        var endpoint = run.ControlPort is { } port ? new ControlEndpoint(run.Table, placement, port) : null;
        return new Activation(placement, adoption, endpoint);
    }

    private void OnOpened(Activation activation)
    {
        _activation = activation;
        if (_stopping)
        {
            Context.Stop(Self);
            return;
        }

        var service = ClusterSupervisor.Service(_run.Services, activation.Placement, _run.Launch, _run.Policy, activation.Adoption.Summoned);
        _tree = Context.ActorOf(OtpSupervisor.Props(service.Root), "tree");
        Context.Watch(_tree);
        Context.Emit("supervisor.adopted", ("adopted", activation.Adoption.Adopted.Count), ("destroyed", activation.Adoption.Destroyed.Count),
            ("undefined", activation.Adoption.Undefined.Count));
        _run.Activated?.Invoke(activation);
    }

    private void Stop()
    {
        _stopping = true;
        if (_tree is null)
        {
            if (_activation is not null)
            {
                Context.Stop(Self);
            }

            return; // Still opening: stops once open.
        }

        _tree.Tell(new ExitSignal(Self, ExitReason.Shutdown));
    }

    /// <summary>Why the control node shut down: the supervision tree gave up.</summary>
    private sealed class TreeGaveUp : CoordinatedShutdown.Reason
    {
        public static readonly TreeGaveUp Instance = new();

        public override int ExitCode => 3;
    }
}

/// <summary>Asks the active supervisor to shut its tree down (every node gracefully) and stop.</summary>
internal sealed record StopTree
{
    public static readonly StopTree Instance = new();
}

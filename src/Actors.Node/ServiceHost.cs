using Akka;
using Akka.Actor;

namespace Actors.Node;

/// <summary>The parent of a service's root supervisor (at <c>/user/{service}</c>). It stops the root the OTP
/// way, with a shutdown exit signal from its parent, and takes the node down if the root gives up, as a
/// permanent application's top supervisor does in Erlang.</summary>
internal sealed class ServiceHost : ReceiveActor
{
    private readonly IActorRef _root;
    private ExitReason? _rootExit;
    private IActorRef? _stopRequester;

    public ServiceHost(ServiceSpec service)
    {
        _root = Context.ActorOf(OtpSupervisor.Props(service.Root), "root");
        Context.Watch(_root);

        // The root stashes commands until its initial children have started: the answer means ready.
        Receive<AwaitReady>(_ => _root.Forward(SupervisorCommands.CountChildren.Instance));
        Receive<StopService>(_ =>
        {
            _stopRequester = Sender;
            _root.Tell(new ExitSignal(Self, ExitReason.Shutdown));
        });
        Receive<OtpProtocol.ExitNotice>(n => _rootExit = n.Reason);
        Receive<Terminated>(t => t.ActorRef.Equals(_root), _ => OnRootExit());
    }

    private void OnRootExit()
    {
        var reason = _rootExit ?? ExitReason.Killed;
        if (_stopRequester is not null)
        {
            _stopRequester.Tell(Done.Instance);
        }
        else
        {
            Context.Emit("service.down", ("reason", reason));
            CoordinatedShutdown.Get(Context.System).Run(new RootExited(reason));
        }

        Context.Stop(Self);
    }

    public sealed record AwaitReady
    {
        public static AwaitReady Instance { get; } = new();
    }

    public sealed record StopService
    {
        public static StopService Instance { get; } = new();
    }

    /// <summary>Why the node shut down: its service's root supervisor exited.</summary>
    public sealed class RootExited(ExitReason reason) : CoordinatedShutdown.Reason
    {
        public ExitReason Exit { get; } = reason;

        public override int ExitCode => 3;

        public override string ToString() => $"root supervisor exited: {Exit}";
    }
}

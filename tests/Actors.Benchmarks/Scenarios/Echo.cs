using Actors;
using Akka.Actor;

namespace Actors.Benchmarks;

/// <summary>A request answered with itself.</summary>
public sealed record Echo(int Id);

/// <summary>The service every node in the boot, churn and density scenarios runs: a root supervisor with
/// one echoing worker, and the same worker as a plain Akka.NET actor for the baselines.</summary>
internal static class EchoService
{
    public static ServiceSpec Spec { get; } =
        new ServiceSpec("echo", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<OtpEcho>("echo")))
            .Accepts<Echo>();

    public sealed class OtpEcho : OtpActor
    {
        public OtpEcho() => Receive<Echo>(e => Sender.Tell(e));
    }

    public sealed class PlainEcho : ReceiveActor
    {
        public PlainEcho() => Receive<Echo>(e => Sender.Tell(e));
    }
}

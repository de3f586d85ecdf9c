using Akka.Actor;

namespace Actors.Images.Tests;

/// <summary>A service that does nothing: the member this test process runs so that a VM's node has a cluster to join.</summary>
internal static class ProbeService
{
    public static ServiceSpec Spec { get; } =
        new("probe", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<Idle>("idle")));

    private sealed class Idle : ReceiveActor;
}

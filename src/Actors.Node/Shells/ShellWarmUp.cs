using Akka.Actor;

namespace Actors.Node;

/// <summary>Runs Akka once in a shell before it waits: a single-node cluster of a throwaway service on a free
/// loopback port joins itself, starts its supervisor and answers a request, then stops. What it compiles (the
/// cluster, remoting, the OTP supervisor, Hyperion's setup) stays compiled for the node the shell becomes.</summary>
internal static class ShellWarmUp
{
    private static readonly ServiceSpec WarmService =
        new ServiceSpec("shell-warm-up", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<Echo>("echo"))).Accepts<Ping>();

    public static async Task RunAsync(IReadOnlyList<ServiceSpec> services)
    {
        var options = new NodeOptions { Host = "127.0.0.1", Port = 0, ClusterName = "shell-warm-up" };
        var node = await Node.StartAsync(WarmService, options, services.SelectMany(s => s.MessageTypes));
        try
        {
            await node.System.ActorSelection(WarmService.EntryPath).Ask<Ping>(new Ping(), TimeSpan.FromSeconds(30));
        }
        finally
        {
            node.MarkStopping();
            await node.StopAsync();
        }
    }

    /// <summary>The warm-up's request.</summary>
    public sealed record Ping;

    private sealed class Echo : OtpActor
    {
        public Echo() => Receive<Ping>(p => Sender.Tell(p));
    }
}

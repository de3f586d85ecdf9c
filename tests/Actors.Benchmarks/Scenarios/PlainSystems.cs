using System.Diagnostics;
using Akka.Actor;

namespace Actors.Benchmarks;

/// <summary>The baseline node: a plain Akka.NET ActorSystem (no cluster, no remoting) with one echo actor.</summary>
internal static class PlainSystems
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates a system, its echo actor and gets the first reply; returns the system and the time taken.</summary>
    public static async Task<(ActorSystem System, TimeSpan Elapsed)> CreateAndReplyAsync(int id)
    {
        var watch = Stopwatch.StartNew();
        var system = ActorSystem.Create($"plain-{id}", PlainAkka.Config());
        var echo = system.ActorOf(Props.Create<EchoService.PlainEcho>(), "echo");
        await echo.Ask<Echo>(new Echo(id), Timeout);
        return (system, watch.Elapsed);
    }
}

using Actors.Hypervisor;
using Akka.Actor;

namespace Actors.Supervision.Tests.Chaos;

/// <summary>Every <c>interval</c>, SIGKILLs the OS process of a random node that is up (kill -9 of its pid,
/// which the supervisor did not ask for), for a fixed number of ticks. A tick that finds no node up kills
/// nothing and is counted as skipped.</summary>
public sealed class ChaosMonkey : ReceiveActor, IWithTimers
{
    public ChaosMonkey(NodeWatch nodes, Func<string, int> pidOf, Random random, TimeSpan interval, int ticks, TaskCompletionSource<ChaosReport> done)
    {
        var kills = new List<Kill>();
        var skipped = 0;
        var tick = 0;
        Receive<Tick>(_ =>
        {
            tick++;
            var up = nodes.Up;
            var victim = up.Count == 0 ? null : up[random.Next(up.Count)];
            int pid;
            try
            {
                pid = victim is null ? 0 : pidOf(victim);
            }
            catch (HypervisorException)
            {
                // Its domain stopped between the supervisor's last event and now.
                pid = 0;
            }

            // Noted as killed before the signal, so that no event of its restart can come first. A failed kill
            // (ESRCH: it had just died by itself) leaves it to the supervisor like any death, uncounted.
            var restored = pid > 0 ? nodes.Killed(victim!) : null;
            if (restored is not null && Signals.Kill(pid, Signals.SigKill) == 0)
            {
                kills.Add(new Kill(victim!, pid, restored));
            }
            else
            {
                skipped++;
            }

            if (tick == ticks)
            {
                Timers!.CancelAll();
                done.TrySetResult(new ChaosReport(kills, skipped));
                Context.Stop(Self);
            }
        });
        Timers!.StartPeriodicTimer("chaos", Tick.Instance, interval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(NodeWatch nodes, Func<string, int> pidOf, Random random, TimeSpan interval, int ticks, TaskCompletionSource<ChaosReport> done) =>
        Akka.Actor.Props.Create(() => new ChaosMonkey(nodes, pidOf, random, interval, ticks, done));

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }
}

using System.Diagnostics;
using Actors.Hypervisor;
using Akka.Actor;
using Akka.Cluster;

namespace Actors.Benchmarks;

/// <summary>The reaction baseline: a plain Akka.Cluster of two in-process members with Akka's defaults (failure
/// detector, split-brain resolver) and a process member that is SIGKILLed; how long until the others call it
/// unreachable, and until it is downed and removed.</summary>
internal static class ReactionBaseline
{
    public static async Task<(double Unreachable, double Removed)> KillAsync(Action<string> progress)
    {
        var observer = ActorSystem.Create("fd", PlainAkka.Config(PlainAkka.Provider.Cluster, "ERROR"));
        var second = ActorSystem.Create("fd", PlainAkka.Config(PlainAkka.Provider.Cluster, "ERROR"));
        await using var driver = Hypervisors.Open("process://", new HypervisorOptions { StateDirectory = ProcessNodes.StateDirectory });
        try
        {
            var seed = Cluster.Get(observer).SelfAddress;
            Cluster.Get(observer).Join(seed);
            Cluster.Get(second).Join(seed);
            const string name = "fd-victim";
            var up = ClusterWatch.WhenAsync<ClusterEvent.MemberUp>(observer, e => e.Member.HasRole(ProcessNodes.Role(name)));
            var pid = new TaskCompletionSource<int>();
            using var started = driver.Subscribe(e =>
            {
                if (e.Kind == DomainEventKind.Started)
                {
                    pid.TrySetResult(int.Parse(e.Detail!.Replace("pid ", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
                }
            });
            await driver.DefineAsync(ProcessNodes.Greeter(name, seed.ToString(), "fd"));
            await driver.BootAsync(name);
            var victim = (await up.WaitAsync(TimeSpan.FromSeconds(60))).Member.Address;
            await ClusterWatch.WhenAsync<ClusterEvent.MemberUp>(second, e => e.Member.Address == victim).WaitAsync(TimeSpan.FromSeconds(60));

            var unreachable = ClusterWatch.WhenAsync<ClusterEvent.UnreachableMember>(observer, e => e.Member.Address == victim);
            var removed = ClusterWatch.WhenAsync<ClusterEvent.MemberRemoved>(observer, e => e.Member.Address == victim);
            var watch = Stopwatch.StartNew();
            TestSupport.Signals.Kill(await pid.Task, TestSupport.Signals.SigKill);
            await unreachable.WaitAsync(TimeSpan.FromSeconds(60));
            var tUnreachable = watch.Elapsed.TotalMilliseconds;
            progress($"baseline: unreachable after {tUnreachable:0} ms; waiting for the split-brain resolver to down it");
            await removed.WaitAsync(TimeSpan.FromSeconds(90));
            return (tUnreachable, watch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            await Task.WhenAll(second.Terminate(), observer.Terminate());
        }
    }
}

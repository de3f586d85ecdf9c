using Akka.Actor;
using Counter;

namespace Actors.Node.Tests;

/// <summary>examples/Counter as a real OS process: every increment it acknowledged is still in its journal after a
/// kill -9 and a restart. Each journal store runs this same scenario through a subclass that names the store.</summary>
public abstract class DurableCounterTests
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The <c>--node:persistence:*</c> arguments that point the counter at this store.</summary>
    protected abstract Task<IReadOnlyList<string>> StoreAsync();

    /// <summary>How many events the store's journal table holds, read straight from the store: proof that the
    /// counter wrote where it was told to.</summary>
    protected abstract Task<long> JournalEventsAsync();

    [SkippableFact]
    public async Task Acknowledged_increments_survive_kill_9_of_the_counters_process()
    {
        const int increments = 40;
        var store = await StoreAsync();
        var port = Ports.FreeLoopback();

        long acknowledged = 0;
        using (var first = await DurableCounterProcess.StartAsync(port, store, Timeout))
        {
            var client = await JoinAsync(port, ordinal: 2);
            var counter = ServiceRef.To(client.System, CounterServices.Counter);
            for (var i = 0; i < increments; i++)
            {
                var counted = await AskAsync(counter, Increment.Instance, first);
                acknowledged++;
                Assert.Equal(acknowledged, counted.Value);
            }

            // SIGKILL right after the last acknowledgement.
            await first.KillAsync();
            await client.System.Terminate();
        }

        using var second = await DurableCounterProcess.StartAsync(port, store, Timeout);
        var again = await JoinAsync(port, ordinal: 3);
        try
        {
            var counter = ServiceRef.To(again.System, CounterServices.Counter);
            Assert.Equal(increments, (await AskAsync(counter, GetCount.Instance, second)).Value);
            Assert.Equal(increments + 1, (await AskAsync(counter, Increment.Instance, second)).Value);
            Assert.Equal(increments + 1, await JournalEventsAsync());
        }
        finally
        {
            await again.System.Terminate();
        }
    }

    private static async Task<Counted> AskAsync(IActorRef counter, object message, DurableCounterProcess process)
    {
        try
        {
            return await counter.Ask<Counted>(message, Timeout);
        }
        catch (AskTimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"no answer to {message}; the counter printed:\n" + string.Join("\n", process.Output.TakeLast(40)));
        }
    }

    private static async Task<Node> JoinAsync(int port, int ordinal)
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await Node.StartAsync(TestServices.Caller,
            LocalCluster.NodeOptions(ordinal) with { Seeds = [$"akka.tcp://actors@127.0.0.1:{port}"] },
            CounterServices.Counter.MessageTypes, cancellationToken: cts.Token);
    }
}

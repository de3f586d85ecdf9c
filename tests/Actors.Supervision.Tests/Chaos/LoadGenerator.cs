using System.Collections.Concurrent;
using System.Diagnostics;
using Actors.ChaosApp;
using Akka.Actor;

namespace Actors.Supervision.Tests.Chaos;

/// <summary>Sends numbered requests through service references, round-robin over the services, from
/// <c>workers</c> concurrent clients each paced to one new request per <c>pace</c>. Delivery is at least once:
/// a request whose attempt times out or fails is sent again with the same id until a receipt for that id comes
/// back, or until the generator gives up.</summary>
public sealed class LoadGenerator(IReadOnlyList<IActorRef> services, int workers, TimeSpan pace, TimeSpan attemptTimeout)
{
    private readonly ConcurrentDictionary<long, Receipt> _acknowledged = new();
    private readonly ConcurrentBag<double> _latencies = [];
    private long _sent;
    private long _retries;
    private long _given;

    /// <summary>Sends new requests until <paramref name="stopSending"/>, then completes once every request sent
    /// is acknowledged or <paramref name="giveUp"/> fires.</summary>
    public async Task<LoadReport> RunAsync(CancellationToken stopSending, CancellationToken giveUp)
    {
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(stopSending, giveUp), CancellationToken.None)));
        return new LoadReport(_sent, _acknowledged, _retries, _given, [.. _latencies]);
    }

    private async Task WorkAsync(CancellationToken stopSending, CancellationToken giveUp)
    {
        using var timer = new PeriodicTimer(pace);
        while (!stopSending.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stopSending);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var id = Interlocked.Increment(ref _sent);
            await SendUntilAcknowledgedAsync(id, services[(int)(id % services.Count)], giveUp);
        }
    }

    private async Task SendUntilAcknowledgedAsync(long id, IActorRef service, CancellationToken giveUp)
    {
        var latency = Stopwatch.StartNew();
        while (!giveUp.IsCancellationRequested)
        {
            try
            {
                var receipt = await service.Ask<Receipt>(new Request(id), attemptTimeout, giveUp);
                if (receipt.Id != id)
                {
                    throw new InvalidOperationException($"request {id} got the receipt of request {receipt.Id}");
                }

                _acknowledged[id] = receipt;
                _latencies.Add(latency.Elapsed.TotalMilliseconds);
                return;
            }
            catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is AskTimeoutException or ServiceUnavailableException)
            {
                // Lost with a killed node, or waiting for one to come up: send it again.
                Interlocked.Increment(ref _retries);
            }
        }

        Interlocked.Increment(ref _given);
    }
}

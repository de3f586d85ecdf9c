using System.Collections.Concurrent;
using System.Diagnostics;
using Actors.ChaosApp;
using Akka.Actor;

namespace Actors.Supervision.Tests.Chaos;

/// <summary>Sends numbered requests through service references, round-robin over the services, at a fixed
/// rate (one per <c>pace</c>) whatever is still outstanding, up to <c>maxInFlight</c> outstanding. Delivery is at
/// least once: a request whose attempt times out or fails is sent again with the same id until a receipt for
/// that id comes back, or until the generator gives up.</summary>
public sealed class LoadGenerator(IReadOnlyList<IActorRef> services, TimeSpan pace, int maxInFlight, TimeSpan attemptTimeout)
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
        using var inFlight = new SemaphoreSlim(maxInFlight);
        using var timer = new PeriodicTimer(pace);
        var requests = new List<Task>();
        try
        {
            while (await timer.WaitForNextTickAsync(stopSending))
            {
                await inFlight.WaitAsync(stopSending);
                var id = ++_sent;
                requests.Add(Task.Run(async () =>
                {
                    try
                    {
                        await SendUntilAcknowledgedAsync(id, services[(int)(id % services.Count)], giveUp);
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stopSending.IsCancellationRequested)
        {
        }

        await Task.WhenAll(requests);
        return new LoadReport(_sent, _acknowledged, Interlocked.Read(ref _retries), Interlocked.Read(ref _given), [.. _latencies]);
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

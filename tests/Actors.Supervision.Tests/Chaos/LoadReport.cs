using Actors.ChaosApp;

namespace Actors.Supervision.Tests.Chaos;

/// <summary>What a <see cref="LoadGenerator"/> did: requests sent, the receipts of those acknowledged, attempts
/// sent again, requests given up on, and each acknowledged request's latency (first send to receipt, in ms).</summary>
public sealed record LoadReport(long Sent, IReadOnlyDictionary<long, Receipt> Acknowledged, long Retries, long GivenUp, IReadOnlyList<double> Latencies)
{
    /// <summary>The latency at quantile <paramref name="q"/> (0..1), in milliseconds.</summary>
    public double Percentile(double q)
    {
        var sorted = Latencies.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[(int)Math.Round(q * (sorted.Length - 1))];
    }
}

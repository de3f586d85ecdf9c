namespace Actors.Hypervisor;

/// <summary>A distribution of simulated latencies (boot, shutdown, destroy), drawn from the world's seeded random.</summary>
public abstract record Latency
{
    private protected Latency()
    {
    }

    /// <summary>Always <paramref name="value"/>.</summary>
    public static Latency Constant(TimeSpan value) => new ConstantLatency(value);

    /// <summary>Uniform between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Latency Uniform(TimeSpan min, TimeSpan max) => new UniformLatency(min, max);

    /// <summary>Log-normal with the given median and shape (0.5 gives a p99 of about 3.2x the median).</summary>
    public static Latency LogNormal(TimeSpan median, double sigma) => new LogNormalLatency(median, sigma);

    /// <summary>Draws one latency.</summary>
    public abstract TimeSpan Draw(Random random);

    private sealed record ConstantLatency(TimeSpan Value) : Latency
    {
        public override TimeSpan Draw(Random random) => Value;
    }

    private sealed record UniformLatency(TimeSpan Min, TimeSpan Max) : Latency
    {
        public override TimeSpan Draw(Random random) => Min + ((Max - Min) * random.NextDouble());
    }

    private sealed record LogNormalLatency(TimeSpan Median, double Sigma) : Latency
    {
        public override TimeSpan Draw(Random random)
        {
            // Box-Muller: one standard normal draw.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            return Median * Math.Exp(Sigma * z);
        }
    }
}

namespace Actors.Hypervisor;

/// <summary>How a simulated world behaves: latencies, randomness and how its virtual time advances.</summary>
public sealed record SimOptions
{
    /// <summary>Seed of the world's random, so that a run can be repeated.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>From boot to running; LightVM-like by default.</summary>
    public Latency Boot { get; init; } = Latency.LogNormal(TimeSpan.FromMilliseconds(50), 0.5);

    /// <summary>From the shutdown request to stopped.</summary>
    public Latency Shutdown { get; init; } = Latency.Constant(TimeSpan.FromMilliseconds(20));

    /// <summary>From destroy to stopped.</summary>
    public Latency Destroy { get; init; } = Latency.Constant(TimeSpan.FromMilliseconds(2));

    /// <summary>True: virtual time jumps to the next event as soon as one is scheduled, so callers can await
    /// operations without driving the clock. False: time moves only in <see cref="SimWorld.Advance"/>.</summary>
    public bool AutoAdvance { get; init; } = true;
}

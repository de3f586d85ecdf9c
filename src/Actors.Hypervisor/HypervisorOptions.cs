namespace Actors.Hypervisor;

/// <summary>What drivers need besides their URI.</summary>
public sealed record HypervisorOptions
{
    /// <summary>The application's services: the in-process driver runs their nodes.</summary>
    public IReadOnlyList<ServiceSpec> Services { get; init; } = [];

    /// <summary>Where drivers keep per-domain files (logs, sockets, consoles).</summary>
    public string StateDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "actors");

    /// <summary>The simulated world <c>sim://</c> hosts join; null gives each host a world of its own.</summary>
    public SimWorld? Simulation { get; init; }

    /// <summary>The clock for event timestamps (and the simulated driver's virtual time).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

namespace Actors.Supervision;

/// <summary>How the VM-level tree supervises a service's nodes: OTP intensity and period (how many node
/// restarts in what window before the service is given up), and the graceful-shutdown timeout.</summary>
public sealed record VmPolicy
{
    /// <summary>Node restarts allowed in <see cref="Period"/> per service.</summary>
    public int Intensity { get; init; } = 5;

    /// <summary>The window for <see cref="Intensity"/>.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a booted node may take to become a cluster member before it counts as failed (a hung boot):
    /// its domain is destroyed and the node restarted.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long a node may take to shut down before its domain is destroyed.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

namespace Actors;

/// <summary>How a supervisor terminates a child: at once (<c>brutal_kill</c>), by a shutdown signal with a
/// deadline after which the child is killed, or by a shutdown signal with no deadline (<c>infinity</c>).</summary>
public sealed record Shutdown
{
    private Shutdown(TimeSpan? timeout, bool brutal)
    {
        Timeout = timeout;
        IsBrutalKill = brutal;
    }

    /// <summary>The deadline; null for brutal_kill and infinity.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>True for brutal_kill.</summary>
    public bool IsBrutalKill { get; }

    /// <summary>True for infinity.</summary>
    public bool IsInfinity => !IsBrutalKill && Timeout is null;

    /// <summary>Kill the child at once.</summary>
    public static Shutdown BrutalKill { get; } = new(null, brutal: true);

    /// <summary>Send the shutdown signal and wait for the child however long it takes.</summary>
    public static Shutdown Infinity { get; } = new(null, brutal: false);

    /// <summary>OTP's default for workers: 5 seconds.</summary>
    public static Shutdown Default { get; } = After(TimeSpan.FromSeconds(5));

    /// <summary>Send the shutdown signal; kill the child if it has not exited after <paramref name="timeout"/>.</summary>
    public static Shutdown After(TimeSpan timeout) =>
        timeout > TimeSpan.Zero
            ? new(timeout, brutal: false)
            : throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A shutdown timeout must be positive; use BrutalKill to kill at once.");

    /// <inheritdoc />
    public override string ToString() => IsBrutalKill ? "brutal_kill" : Timeout is { } t ? $"{t.TotalMilliseconds}ms" : "infinity";
}

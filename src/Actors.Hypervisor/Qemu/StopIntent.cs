namespace Actors.Hypervisor;

/// <summary>What the driver asked of a running domain, which decides the reason it reports when QEMU exits.</summary>
internal enum StopIntent
{
    /// <summary>Nothing: an exit is the guest's own doing, or someone else's.</summary>
    None,

    /// <summary>A graceful shutdown was asked for.</summary>
    Shutdown,

    /// <summary>A graceful shutdown ran out of time and the domain is being destroyed.</summary>
    ShutdownTimedOut,

    /// <summary>The domain is being destroyed.</summary>
    Destroy,
}

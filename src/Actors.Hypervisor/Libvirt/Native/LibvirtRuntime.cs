using System.Runtime.InteropServices;

namespace Actors.Hypervisor;

/// <summary>What libvirt needs once per process before the first connection: an error handler, so errors come
/// back through <c>virGetLastError</c> instead of being printed to stderr, and the default event loop with a
/// thread that runs it, without which no domain event is ever delivered.</summary>
internal static unsafe class LibvirtRuntime
{
    private static readonly Lock Gate = new();
    private static bool _started;

    /// <summary>Idempotent; every path that opens a connection calls it first.</summary>
    public static void EnsureStarted()
    {
        lock (Gate)
        {
            if (_started)
            {
                return;
            }

            if (LibvirtNative.virInitialize() < 0)
            {
                throw new InvalidOperationException("virInitialize failed");
            }

            LibvirtNative.virSetErrorFunc(0, &IgnoreError);

            // libvirt takes the event implementation at the first open; registering it later leaves every
            // connection opened before without events.
            if (LibvirtNative.virEventRegisterDefaultImpl() < 0)
            {
                throw new InvalidOperationException($"virEventRegisterDefaultImpl failed: {LibvirtError.Last().Message}");
            }

            new Thread(RunEventLoop) { IsBackground = true, Name = "libvirt-events" }.Start();
            _started = true;
        }
    }

    /// <summary>Puts the driver's handler back, after a test replaced it to prove stderr stays quiet.</summary>
    public static void InstallErrorHandler() => LibvirtNative.virSetErrorFunc(0, &IgnoreError);

    private static void RunEventLoop()
    {
        while (true)
        {
            // A failed iteration (a poll error) says nothing about the next one, so the loop goes on.
            LibvirtNative.virEventRunDefaultImpl();
        }
    }

    // The error stays readable through virGetLastError; this handler only stops libvirt's default, which
    // prints it to stderr.
    [UnmanagedCallersOnly]
    private static void IgnoreError(nint userData, nint error)
    {
    }
}

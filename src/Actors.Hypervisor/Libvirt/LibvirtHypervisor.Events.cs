using System.Runtime.InteropServices;

namespace Actors.Hypervisor;

internal sealed unsafe partial class LibvirtHypervisor
{
    private int _callbackId = -1;

    /// <summary>Registers for every domain's lifecycle events. The opaque pointer is a GCHandle to this driver,
    /// freed by libvirt's free callback once the registration is gone; the callbacks are static
    /// <c>UnmanagedCallersOnly</c> functions, so there is no delegate for the GC to collect.</summary>
    private void RegisterEvents()
    {
        var self = GCHandle.Alloc(this);
        _callbackId = LibvirtNative.virConnectDomainEventRegisterAny(
            _conn, 0, LibvirtConstants.EventIdLifecycle, &OnLifecycle, GCHandle.ToIntPtr(self), &OnFreeOpaque);
        if (_callbackId < 0)
        {
            // The handle is left allocated: whether libvirt already called the free callback on this path is
            // not documented, and a leaked handle is harmless where a double free is not.
            throw Failure(null);
        }
    }

    private void DeregisterEvents()
    {
        if (_callbackId >= 0)
        {
            LibvirtNative.virConnectDomainEventDeregisterAny(_conn, _callbackId);
            _callbackId = -1;
        }
    }

    /// <summary>On libvirt's event thread. Capacity is given back before subscribers hear of the stop, so one
    /// that reboots at once finds it free.</summary>
    private void OnLifecycle(nint dom, int type, int detail)
    {
        var name = NameOf(LibvirtNative.virDomainGetNameBorrowed(dom));
        if (type == LibvirtConstants.EventStopped)
        {
            ReleaseIfStopped(name, () => LibvirtNative.virDomainIsActiveBorrowed(dom));
        }
        else if (type == LibvirtConstants.EventUndefined)
        {
            _handles.Evict(name, LibvirtNative.UuidBorrowed(dom));
        }

        if (LibvirtEventMap.ToEvent(name, type, detail, _options.Time.GetUtcNow()) is { } e)
        {
            _events.Publish(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int OnLifecycle(nint conn, nint dom, int type, int detail, nint opaque)
    {
        try
        {
            ((LibvirtHypervisor)GCHandle.FromIntPtr(opaque).Target!).OnLifecycle(dom, type, detail);
        }
        catch (Exception)
        {
            // An exception must not unwind into libvirt's C frames (the process would abort); a throwing
            // subscriber costs the subscribers after it this one event instead.
        }

        return 0;
    }

    [UnmanagedCallersOnly]
    private static void OnFreeOpaque(nint opaque) => GCHandle.FromIntPtr(opaque).Free();
}

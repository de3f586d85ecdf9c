using System.Runtime.InteropServices;

namespace Actors.Hypervisor;

/// <summary>The parts of libvirt's C API the driver uses (libvirt.so.0, the stable ABI since 0.x). Functions
/// that return 0 on success return -1 on failure and leave the reason in <c>virGetLastError</c> of the
/// calling thread, so callers read it before making another libvirt call.</summary>
internal static unsafe partial class LibvirtNative
{
    public const string Library = "libvirt.so.0";

    /// <summary><c>VIR_UUID_BUFLEN</c>.</summary>
    private const int UuidBytes = 16;

    [LibraryImport(Library)]
    public static partial int virInitialize();

    [LibraryImport(Library)]
    public static partial void virSetErrorFunc(nint userData, delegate* unmanaged<nint, nint, void> handler);

    [LibraryImport(Library)]
    public static partial nint virGetLastError();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial ConnectHandle virConnectOpen(string name);

    [LibraryImport(Library)]
    public static partial int virConnectClose(nint conn);

    [LibraryImport(Library)]
    public static partial int virConnectSetKeepAlive(ConnectHandle conn, int interval, uint count);

    [LibraryImport(Library)]
    public static partial nint virConnectGetCapabilities(ConnectHandle conn);

    [LibraryImport(Library)]
    public static partial int virConnectListAllDomains(ConnectHandle conn, out nint* domains, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial DomainHandle virDomainDefineXMLFlags(ConnectHandle conn, string xml, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial DomainHandle virDomainLookupByName(ConnectHandle conn, string name);

    [LibraryImport(Library)]
    public static partial int virDomainFree(nint domain);

    [LibraryImport(Library)]
    public static partial int virDomainCreate(DomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainShutdown(DomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainDestroy(DomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainUndefine(DomainHandle domain);

    [LibraryImport(Library)]
    public static partial int virDomainIsActive(DomainHandle domain);

    /// <summary>For the event callback, whose domain pointer libvirt owns for the duration of the call.</summary>
    [LibraryImport(Library, EntryPoint = "virDomainIsActive")]
    public static partial int virDomainIsActiveBorrowed(nint domain);

    [LibraryImport(Library)]
    public static partial nint virDomainGetName(DomainHandle domain);

    [LibraryImport(Library, EntryPoint = "virDomainGetName")]
    public static partial nint virDomainGetNameBorrowed(nint domain);

    [LibraryImport(Library)]
    public static partial int virDomainGetUUID(DomainHandle domain, byte* uuid);

    [LibraryImport(Library, EntryPoint = "virDomainGetUUID")]
    public static partial int virDomainGetUUIDBorrowed(nint domain, byte* uuid);

    [LibraryImport(Library)]
    public static partial int virDomainGetState(DomainHandle domain, out int state, out int reason, uint flags);

    [LibraryImport(Library)]
    public static partial int virDomainGetInfo(DomainHandle domain, out VirDomainInfo info);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint virDomainGetMetadata(DomainHandle domain, int type, string? uri, uint flags);

    [LibraryImport(Library)]
    public static partial int virEventRegisterDefaultImpl();

    [LibraryImport(Library)]
    public static partial int virEventRunDefaultImpl();

    [LibraryImport(Library)]
    public static partial int virConnectDomainEventRegisterAny(
        ConnectHandle conn,
        nint domain,
        int eventId,
        delegate* unmanaged<nint, nint, int, int, nint, int> callback,
        nint opaque,
        delegate* unmanaged<nint, void> freeOpaque);

    [LibraryImport(Library)]
    public static partial int virConnectDomainEventDeregisterAny(ConnectHandle conn, int callbackId);

    /// <summary>The domain's UUID, as the reference has it (no call to the hypervisor). The byte order is
    /// libvirt's, which is fine for telling domains apart.</summary>
    public static Guid Uuid(DomainHandle domain)
    {
        var uuid = stackalloc byte[UuidBytes];
        return virDomainGetUUID(domain, uuid) == 0 ? new Guid(new ReadOnlySpan<byte>(uuid, UuidBytes)) : Guid.Empty;
    }

    /// <summary><see cref="Uuid(DomainHandle)"/> for the event callback's borrowed domain pointer.</summary>
    public static Guid UuidBorrowed(nint domain)
    {
        var uuid = stackalloc byte[UuidBytes];
        return virDomainGetUUIDBorrowed(domain, uuid) == 0 ? new Guid(new ReadOnlySpan<byte>(uuid, UuidBytes)) : Guid.Empty;
    }

    /// <summary>Takes a string libvirt allocated for the caller, and frees it.</summary>
    public static string? TakeString(nint text)
    {
        if (text == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(text);
        }
        finally
        {
            NativeMemory.Free((void*)text);
        }
    }
}

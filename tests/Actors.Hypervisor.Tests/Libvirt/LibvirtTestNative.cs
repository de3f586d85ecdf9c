using System.Runtime.InteropServices;

namespace Actors.Hypervisor.Tests;

/// <summary>libvirt calls the tests make behind the driver's back, on their own connection.</summary>
internal static unsafe partial class LibvirtTestNative
{
    private const string Lib = "libvirt.so.0";
    private const uint DumpCrash = 1;

    /// <summary>Makes a running test-driver domain crash the way libvirt's test driver allows it: a core dump with
    /// VIR_DUMP_CRASH, which stops the domain with reason "crashed" and sends STOPPED/CRASHED. It runs on a
    /// connection of its own, so the driver under test learns of it only from libvirt's event.</summary>
    public static void Crash(string uri, string name, string dumpFile)
    {
        var conn = virConnectOpen(uri);
        Assert.NotEqual(0, conn);
        try
        {
            var dom = virDomainLookupByName(conn, name);
            Assert.NotEqual(0, dom);
            try
            {
                Assert.Equal(0, virDomainCoreDump(dom, dumpFile, DumpCrash));
            }
            finally
            {
                virDomainFree(dom);
            }
        }
        finally
        {
            virConnectClose(conn);
        }
    }

    /// <summary>Puts back libvirt's default error handler, the one that prints to stderr.</summary>
    public static void UseDefaultErrorHandler() => virSetErrorFunc(0, null);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint virConnectOpen(string name);

    [LibraryImport(Lib)]
    private static partial int virConnectClose(nint conn);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint virDomainLookupByName(nint conn, string name);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int virDomainCoreDump(nint dom, string to, uint flags);

    [LibraryImport(Lib)]
    private static partial int virDomainFree(nint dom);

    [LibraryImport(Lib)]
    private static partial void virSetErrorFunc(nint userData, delegate* unmanaged<nint, nint, void> handler);
}

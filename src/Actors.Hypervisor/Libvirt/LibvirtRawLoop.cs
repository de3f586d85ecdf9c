using System.Runtime.InteropServices;

namespace Actors.Hypervisor;

/// <summary>The baseline for the libvirt driver's benchmark: one domain defined, started, destroyed and
/// undefined with bare P/Invoke calls (raw pointers, no SafeHandles, no metadata reads, no events awaited,
/// no tasks), against libvirt's <c>test:///default</c> unless told otherwise. The domain XML is the driver's
/// own, generated once. Not thread-safe: one loop per thread.</summary>
internal sealed partial class LibvirtRawLoop : IDisposable
{
    private readonly Uri _uri;
    private nint _conn;

    /// <param name="name">The domain's name; each <see cref="RunOnce"/> defines and removes it again.</param>
    /// <param name="uri">A libvirt URI.</param>
    public LibvirtRawLoop(string name = "raw-loop", string uri = "test:///default")
    {
        _uri = new Uri(uri);
        Name = name;
        Xml = TestDomainXml.Render(SpecFor(name));
        LibvirtRuntime.EnsureStarted();
        _conn = Raw.virConnectOpen(uri);
        if (_conn == 0)
        {
            throw LibvirtError.Last().ToException(_uri, null);
        }
    }

    /// <summary>The spec whose XML the loop defines: give the driver the same one to compare like with like.</summary>
    public static DomainSpec SpecFor(string name) => new() { Name = name, Service = "raw-loop", MemoryMiB = 64 };

    /// <summary>The domain's name.</summary>
    public string Name { get; }

    /// <summary>The domain XML each iteration defines.</summary>
    public string Xml { get; }

    /// <summary>Define, start, destroy, undefine; throws <see cref="LibvirtException"/> (or a contract
    /// exception) if libvirt refuses any step.</summary>
    public void RunOnce()
    {
        ObjectDisposedException.ThrowIf(_conn == 0, this);
        var dom = Raw.virDomainDefineXML(_conn, Xml);
        if (dom == 0)
        {
            throw LibvirtError.Last().ToException(_uri, Name);
        }

        try
        {
            if (Raw.virDomainCreate(dom) != 0 || Raw.virDomainDestroy(dom) != 0 || Raw.virDomainUndefine(dom) != 0)
            {
                throw LibvirtError.Last().ToException(_uri, Name);
            }
        }
        finally
        {
            Raw.virDomainFree(dom);
        }
    }

    public void Dispose()
    {
        if (_conn != 0)
        {
            Raw.virConnectClose(_conn);
            _conn = 0;
        }
    }

    private static partial class Raw
    {
        [LibraryImport(LibvirtNative.Library, StringMarshalling = StringMarshalling.Utf8)]
        public static partial nint virConnectOpen(string name);

        [LibraryImport(LibvirtNative.Library)]
        public static partial int virConnectClose(nint conn);

        [LibraryImport(LibvirtNative.Library, StringMarshalling = StringMarshalling.Utf8)]
        public static partial nint virDomainDefineXML(nint conn, string xml);

        [LibraryImport(LibvirtNative.Library)]
        public static partial int virDomainCreate(nint dom);

        [LibraryImport(LibvirtNative.Library)]
        public static partial int virDomainDestroy(nint dom);

        [LibraryImport(LibvirtNative.Library)]
        public static partial int virDomainUndefine(nint dom);

        [LibraryImport(LibvirtNative.Library)]
        public static partial int virDomainFree(nint dom);
    }
}

using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace Actors.Hypervisor;

/// <summary>A libvirt URI (<c>xen:///system</c>, <c>xen+ssh://host/system</c>, <c>qemu:///system</c>,
/// <c>test:///default</c>): a domain is a libvirt domain, driven through libvirt's C library. The service and
/// labels live in the domain's XML metadata, so a new connection finds them on the host; lifecycle events
/// come from libvirt's event loop; capacity counts what this driver booted.</summary>
internal sealed partial class LibvirtHypervisor : IHypervisor
{
    private readonly ConnectHandle _conn;
    private readonly HypervisorOptions _options;
    private readonly LibvirtFlavor _flavor;
    private readonly CapacityLedger _ledger;
    private readonly EventHub _events = new();
    private readonly Lazy<bool> _hostHasKvm;

    // test:///default runs inside libvirt.so and answers in microseconds, so its calls run on the caller's
    // thread; a real host may block for seconds, so those calls go to the thread pool.
    private readonly bool _inline;
    private int _disposed;

    private LibvirtHypervisor(Uri uri, HostCapacity capacity, HypervisorOptions options, ConnectHandle conn)
    {
        Uri = uri;
        Capacity = capacity;
        _options = options;
        _conn = conn;
        _flavor = LibvirtUri.FlavorOf(uri);
        _inline = _flavor == LibvirtFlavor.Test;
        _ledger = new CapacityLedger(uri, capacity);
        _hostHasKvm = new Lazy<bool>(HostHasKvm, LazyThreadSafetyMode.PublicationOnly);
    }

    public Uri Uri { get; }

    public HostCapacity Capacity { get; }

    public static LibvirtHypervisor Open(Uri uri, HypervisorOptions options)
    {
        var capacity = UriQuery.Parse(uri).Capacity();
        try
        {
            LibvirtRuntime.EnsureStarted();
        }
        catch (DllNotFoundException e)
        {
            throw new HypervisorException(uri, null, $"{LibvirtNative.Library} could not be loaded; install libvirt's library (Debian: libvirt0)", e);
        }

        var conn = LibvirtNative.virConnectOpen(LibvirtUri.WithoutCapacity(uri));
        if (conn.IsInvalid)
        {
            var error = LibvirtError.Last();
            conn.Dispose();
            throw error.ToException(uri, null);
        }

        // Lets libvirt notice a remote host that went away; local drivers answer that they need none.
        LibvirtNative.virConnectSetKeepAlive(conn, 5, 3);
        var hypervisor = new LibvirtHypervisor(uri, capacity, options, conn);
        try
        {
            hypervisor.RegisterEvents();
        }
        catch
        {
            conn.Dispose();
            throw;
        }

        return hypervisor;
    }

    public IDisposable Subscribe(Action<DomainEvent> observer) => _events.Subscribe(observer);

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            DeregisterEvents();
            _handles.Dispose();
            _conn.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private DomainHandle Lookup(string name)
    {
        var dom = LibvirtNative.virDomainLookupByName(_conn, name);
        if (dom.IsInvalid)
        {
            var error = LibvirtError.Last();
            dom.Dispose();
            throw error.ToException(Uri, name);
        }

        return dom;
    }

    /// <summary>The exception for the libvirt call that just failed on this thread.</summary>
    private HypervisorException Failure(string? domain) => LibvirtError.Last().ToException(Uri, domain);

    private static bool IsActive(DomainHandle dom) => LibvirtNative.virDomainIsActive(dom) == 1;

    /// <summary>The domain XML libvirt is given for <paramref name="spec"/>, and its <see cref="DomainXmlShape"/>.</summary>
    private (string Xml, string Shape) DomainXml(DomainSpec spec)
    {
        try
        {
            var domain = _flavor switch
            {
                LibvirtFlavor.Test => TestDomainXml.Build(spec),
                LibvirtFlavor.Qemu => QemuDomainXml.Build(spec, _hostHasKvm.Value),
                _ => XenPvhDomainXml.Build(spec),
            };
            return (DomainXmlText.Of(domain), DomainXmlShape.Of(domain));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDomainSpecException(Uri, spec.Name, e.Message);
        }
    }

    private bool HostHasKvm()
    {
        var caps = LibvirtNative.TakeString(LibvirtNative.virConnectGetCapabilities(_conn)) ?? throw Failure(null);
        return XDocument.Parse(caps).Descendants("domain").Any(d => (string?)d.Attribute("type") == "kvm");
    }

    private Task Run(Action action, CancellationToken cancellationToken) => Run<object?>(() =>
    {
        action();
        return null;
    }, cancellationToken);

    private Task<T> Run<T>(Func<T> call, CancellationToken cancellationToken)
    {
        if (!_inline)
        {
            return Task.Run(call, cancellationToken);
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(call());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static string NameOf(nint borrowedName) => Marshal.PtrToStringUTF8(borrowedName) ?? string.Empty;
}

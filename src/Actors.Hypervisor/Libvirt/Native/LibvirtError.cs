using System.Runtime.InteropServices;

namespace Actors.Hypervisor;

/// <summary>libvirt's last error on this thread: its code (<c>virErrorNumber</c>), the subsystem that raised
/// it (<c>virErrorDomain</c>) and its message.</summary>
internal readonly record struct LibvirtError(int Code, int Origin, string Message)
{
    /// <summary>Reads the calling thread's last error; call it right after the failed call.</summary>
    public static unsafe LibvirtError Last()
    {
        var error = (VirError*)LibvirtNative.virGetLastError();
        if (error is null)
        {
            return new LibvirtError(0, 0, "libvirt reported a failure but no error");
        }

        return new LibvirtError(error->Code, error->Domain, Marshal.PtrToStringUTF8(error->Message) ?? $"libvirt error {error->Code}");
    }

    /// <summary>The typed exception for this error: the contract's own where libvirt's code says so.</summary>
    public HypervisorException ToException(Uri uri, string? domain) => (Code, domain) switch
    {
        (LibvirtConstants.ErrNoDomain, not null) => new DomainNotFoundException(uri, domain),
        (LibvirtConstants.ErrDomainExists, not null) => new DomainExistsException(uri, domain),
        (LibvirtConstants.ErrOperationInvalid, not null) => new DomainStateException(uri, domain, Message),
        _ => new LibvirtException(uri, domain, Code, Origin, Message),
    };
}

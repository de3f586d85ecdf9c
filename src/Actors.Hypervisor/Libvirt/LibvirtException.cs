namespace Actors.Hypervisor;

/// <summary>libvirt refused or failed an operation for a reason the contract has no type for. The message is
/// libvirt's own, prefixed with the URI and the domain.</summary>
public sealed class LibvirtException : HypervisorException
{
    /// <summary>Creates the exception from libvirt's error code, the subsystem that raised it and its message.</summary>
    public LibvirtException(Uri uri, string? domain, int code, int origin, string libvirtMessage)
        : base(uri, domain, $"{libvirtMessage} (libvirt error {code})")
    {
        Code = code;
        Origin = origin;
        LibvirtMessage = libvirtMessage;
    }

    /// <summary>libvirt's error code (<c>virErrorNumber</c>, e.g. 38 for a system error).</summary>
    public int Code { get; }

    /// <summary>The libvirt subsystem that raised the error (<c>virErrorDomain</c>, e.g. 12 for the test driver).</summary>
    public int Origin { get; }

    /// <summary>libvirt's message, as libvirt wrote it.</summary>
    public string LibvirtMessage { get; }
}

namespace Actors.Hypervisor;

/// <summary>A hypervisor refused or failed an operation. The message names the URI and, where there is one,
/// the domain.</summary>
public class HypervisorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HypervisorException(Uri uri, string? domain, string message, Exception? inner = null)
        : base(domain is null ? $"{uri}: {message}" : $"{uri}: domain '{domain}': {message}", inner)
    {
        Uri = uri;
        Domain = domain;
    }

    /// <summary>The hypervisor's URI.</summary>
    public Uri Uri { get; }

    /// <summary>The domain concerned, if any.</summary>
    public string? Domain { get; }
}

/// <summary>No domain of that name is defined.</summary>
public sealed class DomainNotFoundException(Uri uri, string domain)
    : HypervisorException(uri, domain, "no such domain");

/// <summary>A domain of that name is already defined.</summary>
public sealed class DomainExistsException(Uri uri, string domain)
    : HypervisorException(uri, domain, "a domain of that name is already defined");

/// <summary>The domain is not in a state that allows the operation (e.g. booting a running domain).</summary>
public sealed class DomainStateException(Uri uri, string domain, string message)
    : HypervisorException(uri, domain, message);

/// <summary>Booting the domain would exceed the host's memory or vCPUs.</summary>
public sealed class CapacityExhaustedException(Uri uri, string domain, string message)
    : HypervisorException(uri, domain, message);

/// <summary>The domain spec is invalid; the message says which field and why.</summary>
public sealed class InvalidDomainSpecException(Uri uri, string? domain, string message)
    : HypervisorException(uri, domain, message);

/// <summary>A baked image failed verification (a layer missing, truncated or tampered with), so the domain was
/// not booted. The inner exception says which layer and how.</summary>
public sealed class ImageRejectedException(Uri uri, string domain, InvalidImageException problem)
    : HypervisorException(uri, domain, $"refused to boot: {problem.Message}", problem);

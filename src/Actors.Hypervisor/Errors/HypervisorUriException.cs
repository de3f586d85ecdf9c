namespace Actors.Hypervisor;

/// <summary>A hypervisor URI that no driver opens, or a query parameter a driver does not understand.</summary>
public sealed class HypervisorUriException(string uri, string message)
    : Exception($"'{uri}' {message}; use inproc://, process://, qemu://, sim://, or a libvirt URI such as xen:///system, xen+ssh://host/system, qemu:///system or test:///default")
{
    /// <summary>The URI as given.</summary>
    public string Text { get; } = uri;
}

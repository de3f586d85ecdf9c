namespace Actors.Supervision;

/// <summary>One host of the cluster: a name, the driver URI that reaches it, its capacity and labels.</summary>
/// <param name="Name">Host name, unique in the cluster.</param>
/// <param name="Uri">Driver URI, e.g. <c>process://</c> or <c>xen+ssh://h1/system</c>.</param>
/// <param name="MemoryMiB">Memory nodes may use, in MiB.</param>
/// <param name="VCpus">vCPUs nodes may use.</param>
public sealed record HostSpec(string Name, string Uri, long MemoryMiB, int VCpus)
{
    /// <summary>Labels for placement constraints.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>How many warm shells the host keeps booted, ready to become a node (<see cref="WarmPool"/>).</summary>
    public int WarmShells { get; init; }

    /// <summary>For a <c>qemu://</c> host: the address at which the supervisor and other hosts reach this host's
    /// nodes (their VMs use user-mode networking, each node's port forwarded from the host); by default 127.0.0.1,
    /// which only this machine reaches. A host in a network namespace (<c>qemu://?netns=NAME</c>) gives the
    /// namespace's address.</summary>
    public string? Address { get; init; }

    /// <summary>For a VM host (Xen, QEMU through libvirtd, or <c>qemu://</c>): the bridge and addresses its nodes' VMs get, so
    /// that they can reach the cluster; without it they boot with no network.</summary>
    public BridgedNetwork? Network { get; init; }
}

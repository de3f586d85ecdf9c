using System.Runtime.InteropServices;

namespace Actors.Hypervisor;

internal sealed partial class LibvirtHypervisor
{
    public Task<DomainInfo> GetAsync(string name, CancellationToken cancellationToken = default) =>
        Run(() => OnDomain(name, dom => Describe(dom, name)), cancellationToken);

    public Task<IReadOnlyList<DomainInfo>> ListAsync(CancellationToken cancellationToken = default) => Run<IReadOnlyList<DomainInfo>>(() =>
    {
        var domains = ListAll();
        var infos = new List<DomainInfo>(domains.Length);
        try
        {
            foreach (var dom in domains)
            {
                var name = NameOf(LibvirtNative.virDomainGetName(dom));
                try
                {
                    infos.Add(Describe(dom, name));
                }
                catch (DomainNotFoundException)
                {
                    // Undefined between the listing and now: it is not defined any more.
                }
            }
        }
        finally
        {
            foreach (var dom in domains)
            {
                dom.Dispose();
            }
        }

        return infos;
    }, cancellationToken);

    private unsafe DomainHandle[] ListAll()
    {
        var count = LibvirtNative.virConnectListAllDomains(_conn, out var list, 0);
        if (count < 0)
        {
            throw Failure(null);
        }

        var domains = new DomainHandle[count];
        for (var i = 0; i < count; i++)
        {
            domains[i] = new DomainHandle(list[i]);
        }

        NativeMemory.Free(list);
        return domains;
    }

    /// <summary>The domain as the host has it now. A domain without our metadata (one some other tool made)
    /// has no service and no labels.</summary>
    private DomainInfo Describe(DomainHandle dom, string name)
    {
        if (LibvirtNative.virDomainGetState(dom, out var state, out var reason, 0) != 0
            || LibvirtNative.virDomainGetInfo(dom, out var info) != 0)
        {
            throw Failure(name);
        }

        var metadata = LibvirtNative.TakeString(
            LibvirtNative.virDomainGetMetadata(dom, LibvirtConstants.MetadataElement, DomainMetadata.NamespaceUri, 0));
        if (metadata is null && LibvirtError.Last() is { Code: not LibvirtConstants.ErrNoDomainMetadata } error)
        {
            throw error.ToException(Uri, name);
        }

        var (service, labels) = DomainMetadata.Read(metadata);
        return new DomainInfo(
            name,
            service,
            LibvirtStateMap.State(state),
            MemoryMiB(info),
            info.VirtCpus,
            labels,
            LibvirtStateMap.LastStop(state, reason));
    }

    private static int MemoryMiB(in VirDomainInfo info) => checked((int)(info.MaxMemKiB.Value / 1024));
}

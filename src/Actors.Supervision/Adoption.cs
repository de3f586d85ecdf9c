using Actors.Hypervisor;

namespace Actors.Supervision;

/// <summary>What a new cluster supervisor does before it starts its tree, after a failover: it lists every host's
/// domains, and of those labelled with its cluster keeps one running domain per child of the desired state
/// (offered to that child's proxy to adopt instead of booting), destroys every other running one (strays: children
/// no longer wanted, and duplicates), and undefines the stopped leftovers. Children with no running domain are
/// booted as usual when the tree starts. Domains without the cluster's label are not touched.</summary>
public static class Adoption
{
    /// <summary>Reconciles the hosts of <paramref name="placement"/> with the fixed-size services in
    /// <paramref name="services"/> for cluster <paramref name="clusterName"/>. A host whose driver cannot list its
    /// domains is taken for lost. On-demand and per-tenant nodes are not adopted: they are destroyed, and the next
    /// message for one summons it again.</summary>
    public static async Task<AdoptionReport> ReconcileAsync(Placement placement, string clusterName, IReadOnlyList<ServiceSpec> services)
    {
        var desired = services
            .Where(s => s.Scaling is FixedScaling)
            .SelectMany(s => Enumerable.Range(1, ((FixedScaling)s.Scaling).Instances).Select(i => (Child: $"{s.Name}-{i}", Service: s)))
            .ToDictionary(d => d.Child, d => d.Service, StringComparer.Ordinal);
        var adopted = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var destroyed = new List<string>();
        var undefined = new List<string>();
        foreach (var host in placement.Hosts.Where(h => !h.Lost))
        {
            IReadOnlyList<DomainInfo> domains;
            try
            {
                domains = await host.Driver.ListAsync();
            }
            catch (HypervisorException e)
            {
                host.MarkLost(e.Message);
                continue;
            }

            foreach (var domain in domains.Where(d => d.Labels.GetValueOrDefault(DomainLabels.Cluster) == clusterName))
            {
                var child = domain.Labels.GetValueOrDefault(DomainLabels.Child) ?? domain.Name;
                if (domain.State == DomainState.Running
                    && desired.TryGetValue(child, out var service)
                    && service.Name == domain.Labels.GetValueOrDefault(DomainLabels.Service)
                    && taken.Add(child))
                {
                    placement.OfferForAdoption(child, host, service.Resources.MemoryMiB, service.Resources.VCpus);
                    adopted.Add(child);
                    continue;
                }

                try
                {
                    if (domain.State != DomainState.Off)
                    {
                        await host.Driver.DestroyAsync(domain.Name);
                        destroyed.Add($"{domain.Name}@{host.Spec.Name}");
                    }

                    // A stopped leftover of a wanted child is undefined too: its proxy defines it afresh.
                    await host.Driver.UndefineAsync(domain.Name);
                    undefined.Add($"{domain.Name}@{host.Spec.Name}");
                }
                catch (Exception e) when (e is DomainNotFoundException or DomainStateException)
                {
                    // It stopped or went away by itself meanwhile.
                }
            }
        }

        return new AdoptionReport(adopted, destroyed, undefined);
    }
}

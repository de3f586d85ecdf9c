using Actors.Hypervisor;

namespace Actors.Supervision;

/// <summary>What a new cluster supervisor does before it starts its tree, after a failover: it lists every host's
/// domains, and of those labelled with its cluster keeps one running domain per child of the desired state
/// (offered to that child's proxy to adopt instead of booting), destroys every other running one (strays: children
/// no longer wanted, and duplicates), and undefines the stopped leftovers. Children with no running domain are
/// booted as usual when the tree starts. Domains without the cluster's label are not touched.</summary>
public static class Adoption
{
    /// <summary>Reconciles the hosts of <paramref name="placement"/> with <paramref name="services"/> for cluster
    /// <paramref name="clusterName"/>: the children of fixed-size services, and the running nodes of on-demand and
    /// per-tenant services (returned in <see cref="AdoptionReport.Summoned"/>, for
    /// <see cref="ClusterSupervisor.Service"/> to hand to its summoner). A host whose driver cannot list its domains
    /// is taken for lost.</summary>
    public static async Task<AdoptionReport> ReconcileAsync(Placement placement, string clusterName, IReadOnlyList<ServiceSpec> services)
    {
        var desired = services
            .Where(s => s.Scaling is FixedScaling)
            .SelectMany(s => Enumerable.Range(1, ((FixedScaling)s.Scaling).Instances).Select(i => (Child: $"{s.Name}-{i}", Service: s)))
            .ToDictionary(d => d.Child, d => d.Service, StringComparer.Ordinal);
        var adopted = new List<string>();
        var summoned = new List<SummonedNode>();
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
                SummonedNode? node = null;
                var service = domain.State == DomainState.Running ? Wanted(domain, child, desired, services, out node) : null;
                // One node per child, and one per on-demand service or tenant: any other is a duplicate.
                // On a bridged host the node keeps the address it runs at, so no other node is given it; one whose
                // address is unknown, outside the host's range (the file changed) or another's is booted afresh.
                if (service is not null && taken.Add(child) && (node is null || taken.Add($"summoned {node.Service}@{node.Tenant}"))
                    && (host.Addresses is null || (System.Net.IPAddress.TryParse(domain.Labels.GetValueOrDefault(DomainLabels.Address), out var address)
                        && host.Addresses.Claim(child, address))))
                {
                    placement.OfferForAdoption(child, host, service.Resources.MemoryMiB, service.Resources.VCpus);

                    adopted.Add(child);
                    if (node is not null)
                    {
                        summoned.Add(node);
                    }

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

        return new AdoptionReport(adopted, destroyed, undefined) { Summoned = summoned };
    }

    /// <summary>The service <paramref name="domain"/> is a wanted node of, if any; for a summoned node also which.</summary>
    private static ServiceSpec? Wanted(DomainInfo domain, string child, Dictionary<string, ServiceSpec> desired, IReadOnlyList<ServiceSpec> services, out SummonedNode? node)
    {
        node = null;
        var name = domain.Labels.GetValueOrDefault(DomainLabels.Service);
        if (desired.TryGetValue(child, out var fixedService))
        {
            return fixedService.Name == name ? fixedService : null;
        }

        var service = services.FirstOrDefault(s => s.Name == name && s.Scaling is not FixedScaling);
        var tenant = domain.Labels.GetValueOrDefault(DomainLabels.Tenant) is { Length: > 0 } t ? t : null;
        node = (service?.Scaling, tenant) switch
        {
            (PerTenantScaling, not null) when child == $"{name}-{tenant}" => new SummonedNode(name!, tenant, child),
            (OnDemandScaling, null) when child.StartsWith($"{name}-", StringComparison.Ordinal)
                && int.TryParse(child.AsSpan(name!.Length + 1), System.Globalization.CultureInfo.InvariantCulture, out _) => new SummonedNode(name, null, child),
            _ => null,
        };
        return node is null ? null : service;
    }
}

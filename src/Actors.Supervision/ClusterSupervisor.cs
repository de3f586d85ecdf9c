namespace Actors.Supervision;

/// <summary>Builds the VM-level supervision tree: a root over one supervisor per service, whose children are
/// <see cref="NodeProxy"/>s, one per node. It is an ordinary <see cref="SupervisorSpec"/>, run by the same
/// <see cref="OtpSupervisor"/> as any service's actors.</summary>
public static class ClusterSupervisor
{
    /// <summary>The name of the service the cluster supervisor itself runs as.</summary>
    public const string ServiceName = "supervisor";

    /// <summary>The supervisor as a cluster singleton, the service every control node runs (with
    /// <see cref="Node.Node.StartAsync"/>): the oldest control node runs the tree of <see cref="Service"/>, with the
    /// summoner on-demand services reach; a standby takes over, adopting the running nodes, when that node dies.</summary>
    public static ServiceSpec Singleton(SupervisorRun run) => SupervisorSingleton.Service(run);

    /// <summary>The supervision tree alone, as a service without failover: run it with <see cref="Node.Node.StartAsync"/>
    /// on a single control node for fixed-size services (on-demand services are summoned only through
    /// <see cref="Singleton"/>, where service references look for the summoner).
    /// <paramref name="adopted"/> are on-demand and per-tenant nodes found running after a failover
    /// (<see cref="AdoptionReport.Summoned"/>): the summoner starts their proxies at once, which adopt them.</summary>
    public static ServiceSpec Service(IReadOnlyList<ServiceSpec> services, Placement placement, NodeLaunch launch, VmPolicy? policy = null, IReadOnlyList<SummonedNode>? adopted = null)
    {
        policy ??= new VmPolicy();
        if (services.Count == 0)
        {
            throw new ArgumentException("The cluster supervisor needs at least one service to run.");
        }

        // A service that crash-loops past its intensity is given up, not restarted for ever: its supervisor
        // exits {shutdown,...}, which a transient child's parent takes as final.
        var perService = services
            .Select(s => ChildSpec.Supervisor(s.Name, s.Scaling is FixedScaling ? NodesOf(s, placement, launch, policy) : OnDemand(policy))
                .WithRestart(RestartType.Transient))
            .ToList();
        var summoned = services.Where(s => s.Scaling is not FixedScaling).ToDictionary(
            s => s.Name,
            s => (Func<string?, int, NodeProxySettings>)((tenant, ordinal) => Settings(s, tenant, ordinal, placement, launch, policy)));
        perService.Add(ChildSpec.Worker("summoner", Summoner.Props(summoned, adopted ?? [])));
        var root = new SupervisorSpec(RestartStrategy.OneForOne, perService).WithIntensity(policy.Intensity, policy.Period);
        return new ServiceSpec(ServiceName, root);
    }

    /// <summary>An on-demand or per-tenant service: nodes are started by the summoner, one instance each, and
    /// restarted only if they crash (an idle node that stops itself exits normally and stays stopped).</summary>
    public static SupervisorSpec OnDemand(VmPolicy policy) =>
        new SupervisorSpec(RestartStrategy.SimpleOneForOne,
                ChildSpec.Template("node", arg => NodeProxy.Props((NodeProxySettings)arg!))
                    .WithRestart(RestartType.Transient)
                    .WithShutdown(Shutdown.After(policy.ShutdownTimeout + TimeSpan.FromSeconds(5))))
            .WithIntensity(policy.Intensity, policy.Period) with { CountNoConnection = false };

    private static NodeProxySettings Settings(ServiceSpec service, string? tenant, int ordinal, Placement placement, NodeLaunch launch, VmPolicy policy) =>
        new(service, tenant is null ? $"{service.Name}-{ordinal}" : $"{service.Name}-{tenant}", ordinal, placement, launch, policy.ShutdownTimeout)
        {
            Tenant = tenant,
            JoinTimeout = policy.JoinTimeout,
            IdleTtl = service.Scaling switch
            {
                OnDemandScaling d => d.IdleTtl,
                PerTenantScaling t => t.IdleTtl,
                _ => null,
            },
        };

    /// <summary>One service's nodes: <c>service-1</c> .. <c>service-N</c>, restarted one for one.</summary>
    public static SupervisorSpec NodesOf(ServiceSpec service, Placement placement, NodeLaunch launch, VmPolicy policy)
    {
        var count = ((FixedScaling)service.Scaling).Instances;
        var children = Enumerable.Range(1, count).Select(i =>
        {
            var settings = new NodeProxySettings(service, $"{service.Name}-{i}", i, placement, launch, policy.ShutdownTimeout) { JoinTimeout = policy.JoinTimeout };
            return ChildSpec.Worker(settings.Child, NodeProxy.Props(settings))
                .WithShutdown(Shutdown.After(policy.ShutdownTimeout + TimeSpan.FromSeconds(5)));
        });
        // Nodes lost with their host are moved, not counted as crashes: see SupervisorSpec.CountNoConnection.
        return new SupervisorSpec(RestartStrategy.OneForOne, [.. children]).WithIntensity(policy.Intensity, policy.Period) with { CountNoConnection = false };
    }
}

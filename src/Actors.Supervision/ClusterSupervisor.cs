namespace Actors.Supervision;

/// <summary>Builds the VM-level supervision tree: a root over one supervisor per service, whose children are
/// <see cref="NodeProxy"/>s, one per node. It is an ordinary <see cref="SupervisorSpec"/>, run by the same
/// <see cref="OtpSupervisor"/> as any service's actors.</summary>
public static class ClusterSupervisor
{
    /// <summary>The name of the service the cluster supervisor itself runs as.</summary>
    public const string ServiceName = "supervisor";

    /// <summary>The supervisor as a service: run it with <see cref="Node.Node.StartAsync"/> on the control node.</summary>
    public static ServiceSpec Service(IReadOnlyList<ServiceSpec> services, Placement placement, NodeLaunch launch, VmPolicy? policy = null)
    {
        policy ??= new VmPolicy();
        var perService = services
            .Where(s => s.Scaling is FixedScaling)
            .Select(s => ChildSpec.Supervisor(s.Name, NodesOf(s, placement, launch, policy))
                // A service that crash-loops past its intensity is given up, not restarted for ever: its
                // supervisor exits {shutdown,...}, which a transient child's parent takes as final.
                .WithRestart(RestartType.Transient))
            .ToList();
        if (perService.Count == 0)
        {
            throw new ArgumentException("None of the services has a fixed instance count; the cluster supervisor has nothing to run.");
        }

        var root = new SupervisorSpec(RestartStrategy.OneForOne, perService).WithIntensity(policy.Intensity, policy.Period);
        return new ServiceSpec(ServiceName, root);
    }

    /// <summary>One service's nodes: <c>service-1</c> .. <c>service-N</c>, restarted one for one.</summary>
    public static SupervisorSpec NodesOf(ServiceSpec service, Placement placement, NodeLaunch launch, VmPolicy policy)
    {
        var count = ((FixedScaling)service.Scaling).Instances;
        var children = Enumerable.Range(1, count).Select(i =>
        {
            var settings = new NodeProxySettings(service, $"{service.Name}-{i}", i, placement, launch, policy.ShutdownTimeout);
            return ChildSpec.Worker(settings.Child, NodeProxy.Props(settings))
                .WithShutdown(Shutdown.After(policy.ShutdownTimeout + TimeSpan.FromSeconds(5)));
        });
        return new SupervisorSpec(RestartStrategy.OneForOne, [.. children]).WithIntensity(policy.Intensity, policy.Period);
    }
}

using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

public sealed class SimContractTests : HypervisorContractTests
{
    private readonly SimWorld _world = new();

    protected override string BadUri => "sim://?memory=1";

    protected override IHypervisor OpenDriver(HostCapacity? capacity) =>
        Hypervisors.Open($"sim://host-{Guid.NewGuid():N}" + CapacityQuery(capacity), Options() with { Simulation = _world });

    protected override DomainSpec Bootable(string name) => new() { Name = name, Service = "greeter", MemoryMiB = 64 };

    protected override Task CrashAsync(IHypervisor hypervisor, string name)
    {
        _world.CrashDomain(hypervisor.Uri.Host, name);
        return Task.CompletedTask;
    }
}

using Actors.Hypervisor;
using Hello;

namespace Actors.Hypervisor.Tests;

public sealed class InProcContractTests : HypervisorContractTests
{
    protected override string BadUri => "inproc://?memory=lots";

    protected override IHypervisor OpenDriver(HostCapacity? capacity) =>
        Hypervisors.Open("inproc://" + CapacityQuery(capacity), Options() with { Services = HelloServices.All });

    protected override DomainSpec Bootable(string name) => new()
    {
        Name = name,
        Service = HelloServices.Greeter.Name,
        MemoryMiB = 64,
        Environment = new Dictionary<string, string>
        {
            ["ACTORS_NODE__GOSSIPINTERVAL"] = "00:00:00.100",
            ["ACTORS_NODE__LEADERACTIONSINTERVAL"] = "00:00:00.100",
        },
    };

    /// <summary>Terminates the node's ActorSystem behind the driver's back.</summary>
    protected override Task CrashAsync(IHypervisor hypervisor, string name) =>
        ((InProcHypervisor)hypervisor).NodeOf(name)!.System.Terminate();
}

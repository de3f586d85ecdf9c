using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>The contract on libvirt's own fake hypervisor, <c>test:///default</c>, through the real libvirt.so.</summary>
public sealed class LibvirtContractTests : HypervisorContractTests
{
    public const string TestUri = "test:///default";

    protected override string BadUri => TestUri + "?memory=lots";

    protected override IHypervisor OpenDriver(HostCapacity? capacity) => Hypervisors.Open(TestUri + CapacityQuery(capacity), Options());

    /// <summary>A spec with everything a real node has (image, disk, bridge, environment): the test driver
    /// accepts the whole XML, so the contract runs over what a Xen host would be given.</summary>
    protected override DomainSpec Bootable(string name) => Specs.Node(name);

    protected override Task CrashAsync(IHypervisor hypervisor, string name)
    {
        var dump = Path.Combine(Path.GetTempPath(), $"actors-libvirt-{name}.core");
        try
        {
            LibvirtTestNative.Crash(TestUri, name, dump);
        }
        finally
        {
            File.Delete(dump);
        }

        return Task.CompletedTask;
    }
}

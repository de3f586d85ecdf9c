using Actors.Hypervisor;
using Hello;

namespace Actors.Hypervisor.Tests;

/// <summary>An in-process domain is Running from the moment its boot starts, but has a node only once the node is up.</summary>
public sealed class InProcBootingTests
{
    [Fact]
    public async Task Destroying_or_shutting_down_a_domain_whose_node_is_still_starting_is_a_state_error_naming_it()
    {
        await using var driver = Hypervisors.Open("inproc://", new HypervisorOptions { Services = HelloServices.All });
        await driver.DefineAsync(new DomainSpec { Name = "booting", Service = HelloServices.Greeter.Name, MemoryMiB = 64 });

        var boot = driver.BootAsync("booting");
        var destroy = await Assert.ThrowsAsync<DomainStateException>(() => driver.DestroyAsync("booting"));
        var shutdown = await Assert.ThrowsAsync<DomainStateException>(() => driver.ShutdownAsync("booting", TimeSpan.FromSeconds(5)));
        await boot;
        await driver.DestroyAsync("booting");

        Assert.Equal("inproc:///: domain 'booting': is still booting; destroy it once it is up", destroy.Message);
        Assert.Contains("is still booting; shut it down once it is up", shutdown.Message);
        Assert.Equal(DomainState.Off, (await driver.GetAsync("booting")).State);
    }
}

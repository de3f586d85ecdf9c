using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>The driver keeps domain references by name; a kept reference must never make it act on the wrong
/// domain, or miss the right one, when the name changes hands behind its back.</summary>
public sealed class LibvirtHandleCacheTests : IAsyncLifetime
{
    private IHypervisor _driver = null!;
    private IHypervisor _other = null!;

    public Task InitializeAsync()
    {
        _driver = Hypervisors.Open(LibvirtContractTests.TestUri);
        _other = Hypervisors.Open(LibvirtContractTests.TestUri);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _driver.DisposeAsync();
        await _other.DisposeAsync();
    }

    [Fact]
    public async Task A_name_undefined_and_defined_again_by_another_connection_is_the_new_domain_before_any_event_arrives()
    {
        var name = $"again-{Guid.NewGuid():N}"[..20];
        var gate = $"gate-{Guid.NewGuid():N}"[..20];
        await _driver.DefineAsync(Specs.Node(name) with { Labels = Owner("first") });
        Assert.Equal("first", (await _driver.GetAsync(name)).Labels["owner"]);

        using var eventThreadHeld = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        using (_driver.Subscribe(e =>
        {
            if (e.Domain == gate && e.Kind == DomainEventKind.Defined)
            {
                eventThreadHeld.Release();
                release.Wait();
            }
        }))
        {
            await _other.DefineAsync(Specs.Node(gate));

            // libvirt's one event thread now waits in this observer, so the driver cannot have heard of what
            // follows: its kept reference is to the undefined domain.
            await eventThreadHeld.WaitAsync();
            DomainInfo got;
            try
            {
                await _other.UndefineAsync(name);
                await _other.DefineAsync(Specs.Node(name) with { Labels = Owner("second") });
                got = await _driver.GetAsync(name);
                await _driver.BootAsync(name);
                await _driver.DestroyAsync(name);
                await _driver.UndefineAsync(name);
            }
            finally
            {
                release.Set();
            }

            Assert.Equal("second", got.Labels["owner"]);
            await Assert.ThrowsAsync<DomainNotFoundException>(() => _other.GetAsync(name));
        }
    }

    private static Dictionary<string, string> Owner(string owner) => new() { ["owner"] = owner };
}

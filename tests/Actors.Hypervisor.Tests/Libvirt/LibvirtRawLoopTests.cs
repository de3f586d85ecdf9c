using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

public sealed class LibvirtRawLoopTests
{
    [Fact]
    public async Task The_raw_loop_defines_starts_destroys_and_undefines_through_libvirt()
    {
        await using var h = Hypervisors.Open(LibvirtContractTests.TestUri);
        using var events = new EventRecorder(h);
        using var loop = new LibvirtRawLoop($"raw-{Guid.NewGuid():N}"[..16]);

        for (var i = 0; i < 3; i++)
        {
            loop.RunOnce();
        }

        for (var i = 0; i < 3; i++)
        {
            await events.WaitForAsync(loop.Name, DomainEventKind.Undefined);
        }

        Assert.Equal(12, events.For(loop.Name).Count);
        Assert.DoesNotContain(await h.ListAsync(), d => d.Name == loop.Name);
    }
}

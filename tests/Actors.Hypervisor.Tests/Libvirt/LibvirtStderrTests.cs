using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>libvirt prints every error to stderr unless an error handler is set; the driver sets one.</summary>
[Collection(StderrCollection.Name)]
public sealed class LibvirtStderrTests
{
    [Fact]
    public async Task Failing_libvirt_calls_print_nothing_to_stderr()
    {
        await using var h = Hypervisors.Open(LibvirtContractTests.TestUri);
        var name = $"quiet-{Guid.NewGuid():N}"[..16];
        await h.DefineAsync(Specs.Node(name));

        string printed;
        using (var capture = new StderrCapture())
        {
            await Assert.ThrowsAsync<DomainNotFoundException>(() => h.GetAsync("nobody"));
            await Assert.ThrowsAsync<DomainStateException>(() => h.DestroyAsync(name));
            Assert.Throws<LibvirtException>(() => Hypervisors.Open("xen:///system"));
            printed = capture.Stop();
        }

        Assert.Equal(string.Empty, printed);
    }

    [Fact]
    public async Task Without_the_drivers_handler_the_same_failure_is_printed_so_the_capture_works()
    {
        await using var h = Hypervisors.Open(LibvirtContractTests.TestUri);
        string printed;
        LibvirtTestNative.UseDefaultErrorHandler();
        try
        {
            using var capture = new StderrCapture();
            await Assert.ThrowsAsync<DomainNotFoundException>(() => h.GetAsync("nobody"));
            printed = capture.Stop();
        }
        finally
        {
            LibvirtRuntime.InstallErrorHandler();
        }

        Assert.Contains("libvirt: Test Driver error : Domain not found", printed);
    }
}

using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

public sealed class LibvirtUriTests
{
    [Theory]
    [InlineData("test:///default?memory=4096&vcpus=4", "test:///default")]
    [InlineData("xen+ssh://root@h1/system?memory=4096&keyfile=/k&vcpus=4&no_verify=1", "xen+ssh://root@h1/system?keyfile=/k&no_verify=1")]
    [InlineData("xen:///system", "xen:///system")]
    public void Only_our_capacity_parameters_are_taken_off_before_libvirt_sees_the_uri(string uri, string libvirt) =>
        Assert.Equal(libvirt, LibvirtUri.WithoutCapacity(new Uri(uri)));

    [Theory]
    [InlineData("qemu:///system", true)]
    [InlineData("qemu:///session", true)]
    [InlineData("qemu+ssh://h/system", true)]
    [InlineData("qemu://", false)]
    [InlineData("qemu:///", false)]
    [InlineData("qemu://localhost/microvm", false)]
    public void Only_qemu_system_and_session_uris_are_libvirts(string uri, bool libvirt) =>
        Assert.Equal(libvirt, LibvirtUri.IsLibvirtQemu(new Uri(uri)));

    [Fact]
    public async Task Test_uris_open_the_libvirt_driver()
    {
        await using var h = Hypervisors.Open("test:///default?memory=512&vcpus=2");

        Assert.IsType<LibvirtHypervisor>(h);
        Assert.Equal(new HostCapacity(512, 2), h.Capacity);
        Assert.Equal("test:///default?memory=512&vcpus=2", h.Uri.OriginalString);
    }

    [Fact]
    public void Xen_uris_reach_libvirt_which_reports_the_missing_daemon()
    {
        // No libvirt daemon runs here: the error is libvirt's, which shows the URI was routed to it.
        var e = Assert.ThrowsAny<HypervisorException>(() => Hypervisors.Open("xen:///system?memory=1024"));

        Assert.IsType<LibvirtException>(e);
        Assert.StartsWith("xen:///system", e.Message);
    }
}

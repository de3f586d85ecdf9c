using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>libvirt's event numbers as contract events (libvirt-domain.h: virDomainEventType and its details).</summary>
public sealed class LibvirtEventMapTests
{
    private static readonly DateTimeOffset Ts = DateTimeOffset.UnixEpoch;

    [Theory]
    [InlineData(0, StopReason.Shutdown, "shutdown")]
    [InlineData(1, StopReason.Destroyed, "destroyed")]
    [InlineData(2, StopReason.Crashed, "crashed")]
    [InlineData(3, StopReason.Crashed, "migrated")]
    [InlineData(4, StopReason.Crashed, "saved")]
    [InlineData(5, StopReason.Crashed, "failed")]
    [InlineData(6, StopReason.Crashed, "from-snapshot")]
    public void Stopped_details_map_to_stop_reasons(int detail, StopReason reason, string name)
    {
        var e = LibvirtEventMap.ToEvent("d", 5, detail, Ts)!;

        Assert.Equal((DomainEventKind.Stopped, reason, name), (e.Kind, e.Reason, e.Detail));
    }

    [Fact]
    public void Defined_started_and_undefined_map_and_a_redefinition_or_a_suspend_is_not_reported()
    {
        Assert.Equal(DomainEventKind.Defined, LibvirtEventMap.ToEvent("d", 0, 0, Ts)!.Kind);
        Assert.Null(LibvirtEventMap.ToEvent("d", 0, 1, Ts));
        Assert.Equal(DomainEventKind.Undefined, LibvirtEventMap.ToEvent("d", 1, 0, Ts)!.Kind);
        Assert.Equal(("booted", DomainEventKind.Started), (LibvirtEventMap.ToEvent("d", 2, 0, Ts)!.Detail, LibvirtEventMap.ToEvent("d", 2, 0, Ts)!.Kind));
        Assert.Null(LibvirtEventMap.ToEvent("d", 3, 0, Ts));
        Assert.Equal("detail 42", LibvirtEventMap.ToEvent("d", 5, 42, Ts)!.Detail);
    }

    [Theory]
    [InlineData(5, 0, null)]
    [InlineData(5, 1, StopReason.Shutdown)]
    [InlineData(5, 2, StopReason.Destroyed)]
    [InlineData(5, 3, StopReason.Crashed)]
    [InlineData(5, 6, StopReason.Crashed)]
    [InlineData(6, 0, StopReason.Crashed)]
    [InlineData(1, 1, null)]
    public void Shut_off_reasons_map_to_the_last_stop(int state, int reason, StopReason? last) =>
        Assert.Equal(last, LibvirtStateMap.LastStop(state, reason));
}

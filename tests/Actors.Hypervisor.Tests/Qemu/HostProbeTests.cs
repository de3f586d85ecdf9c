namespace Actors.Hypervisor.Tests.Qemu;

/// <summary>Reading the host: its TSC rate for TCG guests, and whether KVM can run a guest.</summary>
public sealed class HostProbeTests
{
    [Fact]
    public void The_tsc_rate_is_the_first_cpus_mhz_in_khz_when_the_tsc_is_constant()
    {
        string[] cpuinfo = ["processor\t: 0", "cpu MHz\t\t: 2596.126", "flags\t\t: fpu tsc constant_tsc nonstop_tsc", "", "processor\t: 1", "cpu MHz\t\t: 1200.000"];

        Assert.Equal(2596126, HostTsc.FromCpuinfo(cpuinfo));
    }

    [Fact]
    public void Without_a_constant_tsc_the_rate_is_unknown()
    {
        Assert.Null(HostTsc.FromCpuinfo(["processor\t: 0", "cpu MHz\t\t: 2596.126", "flags\t\t: fpu tsc", ""]));
    }

    [Fact]
    public void Kvm_needs_the_cpu_to_say_it_virtualises()
    {
        Assert.True(KvmProbe.HasVirtualisationFlag(["flags\t\t: fpu vmx tsc"]));
        Assert.True(KvmProbe.HasVirtualisationFlag(["flags\t\t: fpu svm"]));
        Assert.False(KvmProbe.HasVirtualisationFlag(["flags\t\t: fpu tsc hypervisor constant_tsc"]));
    }

    [Fact]
    public void This_host_gives_a_tsc_rate_or_has_kvm()
    {
        // A TCG guest without tsc_early_khz hangs calibrating; the tests boot VMs, so this host must give one.
        Assert.True(KvmProbe.IsUsable() || HostTsc.ReadKhz() is > 0);
    }
}

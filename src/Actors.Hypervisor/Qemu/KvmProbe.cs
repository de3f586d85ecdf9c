namespace Actors.Hypervisor;

/// <summary>Decides whether KVM can run a guest here.</summary>
/// <remarks>Opening <c>/dev/kvm</c> is not enough: on the Firecracker VMs this was written on, <c>/dev/kvm</c>
/// opens and KVM_CREATE_VM succeeds, yet the CPU has neither the <c>vmx</c> nor the <c>svm</c> flag and a guest
/// started with <c>-accel kvm</c> printed nothing in 20 s (with <c>-cpu host</c> QEMU aborted setting an MSR).
/// So KVM also needs the CPU to say it virtualises.</remarks>
internal static class KvmProbe
{
    public static bool IsUsable(string device = "/dev/kvm", string cpuinfo = "/proc/cpuinfo")
    {
        try
        {
            using (File.Open(device, FileMode.Open, FileAccess.ReadWrite))
            {
            }

            return HasVirtualisationFlag(File.ReadLines(cpuinfo));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static bool HasVirtualisationFlag(IEnumerable<string> cpuinfoLines) =>
        cpuinfoLines.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) is { } flags
        && flags.Split([' ', '\t', ':'], StringSplitOptions.RemoveEmptyEntries).Any(f => f is "vmx" or "svm");
}

using System.Globalization;

namespace Actors.Hypervisor;

/// <summary>The host's TSC frequency, which a guest under TCG needs as <c>tsc_early_khz=</c>.</summary>
/// <remarks>Under TCG the guest reads the host's TSC, and <c>-M microvm</c> has no PIT or HPET to calibrate it
/// against: without <c>tsc_early_khz</c> the Debian 6.1 kernel hangs calibrating. Measured here: the kernel log
/// says "tsc: Detected 2596.126 MHz processor", <c>/proc/cpuinfo</c> says "cpu MHz : 2596.126", and with
/// <c>tsc_early_khz=2596126</c> the guest reaches init ~1.7 s after QEMU starts. Where the CPU has
/// <c>constant_tsc</c> and no frequency scaling changes "cpu MHz" (VMs, most servers) that line is the TSC rate;
/// elsewhere pass <c>qemu://?tsc_khz=</c>.</remarks>
internal static class HostTsc
{
    /// <summary>The TSC rate in kHz, or null if this host does not say.</summary>
    public static long? ReadKhz()
    {
        // Some kernels export the calibrated rate directly; prefer it to the "cpu MHz" reading.
        const string Sysfs = "/sys/devices/system/cpu/cpu0/tsc_freq_khz";
        if (File.Exists(Sysfs) && long.TryParse(File.ReadAllText(Sysfs).Trim(), CultureInfo.InvariantCulture, out var khz) && khz > 0)
        {
            return khz;
        }

        return File.Exists("/proc/cpuinfo") ? FromCpuinfo(File.ReadLines("/proc/cpuinfo")) : null;
    }

    /// <summary>"cpu MHz" of the first CPU, in kHz, if its flags include <c>constant_tsc</c>.</summary>
    public static long? FromCpuinfo(IEnumerable<string> lines)
    {
        decimal? mhz = null;
        var constant = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                break; // the first CPU's block ends here
            }

            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "cpu MHz" && decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m))
            {
                mhz = m;
            }
            else if (key == "flags")
            {
                constant = value.Split(' ').Contains("constant_tsc");
            }
        }

        return mhz is { } v && constant && v > 0 ? (long)Math.Round(v * 1000m) : null;
    }
}

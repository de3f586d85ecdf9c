using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Actors.Hypervisor;

/// <summary>An xl.cfg(5) domain configuration for a node as a Xen PVH guest, for hosts run with <c>xl create</c>
/// instead of libvirt: the same kernel, initrd, command line, memory, vCPUs, read-only disks and bridge as
/// <see cref="XenPvhDomainXml"/>. xl.cfg has no place for the service and labels.</summary>
public static partial class XlConfig
{
    /// <summary>The xl.cfg text for <paramref name="spec"/>; throws <see cref="ArgumentException"/> naming a field the
    /// spec cannot express.</summary>
    public static string Render(DomainSpec spec)
    {
        DescriptorChecks.Check(spec, needsImage: true);
        var image = spec.Image!;
        var cfg = new StringBuilder();
        Line(cfg, "name", Quote(spec.Name));
        Line(cfg, "type", Quote("pvh"));
        Line(cfg, "kernel", Quote(ImageLayout.Kernel(image)));
        Line(cfg, "ramdisk", Quote(ImageLayout.Initrd(image)));
        Line(cfg, "cmdline", Quote(KernelCommandLine.Build(spec, "console=hvc0")));
        Line(cfg, "memory", spec.MemoryMiB.ToString(CultureInfo.InvariantCulture));
        Line(cfg, "vcpus", spec.VCpus.ToString(CultureInfo.InvariantCulture));
        if (spec.ReadOnlyDisks.Count > 0)
        {
            Line(cfg, "disk", List(spec.ReadOnlyDisks.Select((path, i) => Disk(path, DiskNames.Of("xvd", i)))));
        }

        if (spec.Network is { } net)
        {
            Line(cfg, "vif", List([Vif(net)]));
        }

        // As in the libvirt XML: the cluster supervisor restarts nodes, the hypervisor never does.
        Line(cfg, "on_poweroff", Quote("destroy"));
        Line(cfg, "on_reboot", Quote("destroy"));
        Line(cfg, "on_crash", Quote("destroy"));
        return cfg.ToString();
    }

    /// <summary>An xl-disk-configuration(5) spec. The positional form <c>target,raw,vdev,r</c> where the path is
    /// plain; otherwise the keyword form, whose <c>target=</c> comes last because it takes the rest of the
    /// spec verbatim, commas included.</summary>
    internal static string Disk(string path, string vdev) => PlainPath().IsMatch(path)
        ? $"{path},raw,{vdev},r"
        : $"format=raw,vdev={vdev},access=ro,target={path}";

    private static string Vif(NetworkSpec net)
    {
        var parts = new List<string> { $"bridge={net.Bridge}" };
        if (net.Mac is not null)
        {
            parts.Add($"mac={net.Mac.ToLowerInvariant()}");
        }

        if (net.Tap is not null)
        {
            parts.Add($"vifname={net.Tap}");
        }

        return string.Join(',', parts);
    }

    private static void Line(StringBuilder cfg, string key, string value) => cfg.Append(key).Append(" = ").Append(value).Append('\n');

    private static string List(IEnumerable<string> items) => $"[ {string.Join(", ", items.Select(Quote))} ]";

    // A double-quoted xl.cfg string takes backslash escapes; control characters were refused before.
    private static string Quote(string text) => $"\"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    [GeneratedRegex("^/[A-Za-z0-9_./+-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPath();
}

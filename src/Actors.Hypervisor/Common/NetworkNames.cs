using System.Text.RegularExpressions;

namespace Actors.Hypervisor;

/// <summary>What a bridge or tap name and a NIC's MAC may be, for every driver: the names go into QEMU's options, an
/// ifup script, libvirt's XML and xl's vif syntax.</summary>
internal static partial class NetworkNames
{
    /// <summary>Why <paramref name="net"/> cannot be used, or null.</summary>
    public static string? Problem(NetworkSpec net) =>
        net.IsUserMode ? null
        : !InterfaceName().IsMatch(net.Bridge) ? NameProblem("network bridge", net.Bridge)
        : net.Tap is { } tap && !InterfaceName().IsMatch(tap) ? NameProblem("network tap", tap)
        : net.Mac is { } mac && !UnicastMac().IsMatch(mac) ? $"network mac '{mac}' is not a unicast MAC address like 52:54:00:12:34:56"
        : null;

    /// <summary>Whether <paramref name="name"/> is an interface name.</summary>
    public static bool IsInterfaceName(string name) => InterfaceName().IsMatch(name);

    /// <summary>Whether <paramref name="mac"/> is a unicast MAC address.</summary>
    public static bool IsUnicastMac(string mac) => UnicastMac().IsMatch(mac);

    private static string NameProblem(string field, string name) =>
        $"{field} '{name}' is not an interface name: use 1-15 letters, digits, '_', '-' and '.'";

    // Linux allows 15 bytes; the narrower alphabet keeps ',' '=' and quotes out of QEMU's options, scripts and xl's vif syntax.
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex InterfaceName();

    // The first octet's low bit is the multicast bit; a NIC's own address has it clear.
    [GeneratedRegex("^[0-9A-Fa-f][02468ACEace](:[0-9A-Fa-f]{2}){5}$", RegexOptions.CultureInvariant)]
    private static partial Regex UnicastMac();
}

using System.Globalization;
using System.Net;

namespace Actors.Node;

/// <summary>How a shell's command line and a become request's settings turn into configuration.</summary>
internal static class ShellSettings
{
    /// <summary><c>PORT</c> (on loopback) or <c>ADDRESS:PORT</c>; throws <see cref="ArgumentException"/> naming the value.</summary>
    public static IPEndPoint Endpoint(string value)
    {
        var colon = value.LastIndexOf(':');
        var (address, port) = colon < 0 ? ("127.0.0.1", value) : (value[..colon], value[(colon + 1)..]);
        return IPAddress.TryParse(address, out var ip) && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535
            ? new IPEndPoint(ip, p)
            : throw new ArgumentException($"--shell '{value}' is not PORT or ADDRESS:PORT, e.g. 4100 or 0.0.0.0:4100");
    }

    /// <summary>Environment-style settings (<c>ACTORS_NODE__SEEDS__0</c>) as configuration keys (<c>NODE:SEEDS:0</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ToConfiguration(IReadOnlyDictionary<string, string>? settings) =>
        (settings ?? new Dictionary<string, string>()).Select(kv => new KeyValuePair<string, string?>(
            (kv.Key.StartsWith("ACTORS_", StringComparison.OrdinalIgnoreCase) ? kv.Key["ACTORS_".Length..] : kv.Key).Replace("__", ":", StringComparison.Ordinal),
            kv.Value));
}

using Actors.Hypervisor;
using System.Net;
using System.Text.Json;

namespace Actors.Supervision;

/// <summary>Turns a parsed cluster file into a <see cref="ClusterFile"/>, field by field, so that every problem
/// names its field and line.</summary>
internal sealed class ClusterFileReader(string path, JsonLines lines)
{
    private static readonly string[] Schemes = ["inproc", "process", "qemu", "qemu+ssh", "sim", "xen", "xen+ssh", "xen+tcp", "test"];

    public ClusterFile Read(JsonElement root)
    {
        Fields(root, string.Empty, "placement", "control", "hostHeartbeatSeconds", "hosts");
        var heartbeat = root.TryGetProperty("hostHeartbeatSeconds", out var beat)
            ? beat.ValueKind == JsonValueKind.Number && beat.TryGetDouble(out var seconds) && seconds is > 0 and <= 3600
                ? TimeSpan.FromSeconds(seconds)
                : throw Fail("hostHeartbeatSeconds", $"must be a number of seconds between 0 and 3600, not {beat.GetRawText()}")
            : TimeSpan.FromSeconds(5);
        var strategy = root.TryGetProperty("placement", out var p)
            ? String(p, "placement") switch
            {
                "spread" => PlacementStrategy.Spread,
                "pack" => PlacementStrategy.Pack,
                var other => throw Fail("placement", $"unknown strategy '{other}'; use spread or pack"),
            }
            : PlacementStrategy.Spread;
        var control = root.TryGetProperty("control", out var c) ? Control(c) : ClusterFile.DefaultControl;
        // Left unset unless given, so that it follows the control endpoint (file with { Control = ... }).
        var metrics = root.TryGetProperty("control", out var m) && m.TryGetProperty("metrics", out var at) ? Metrics(at, control) : CheckDefaultMetrics(control);
        if (!root.TryGetProperty("hosts", out var hosts))
        {
            throw Fail(null, "has no hosts; list at least one under \"hosts\"");
        }

        if (hosts.ValueKind != JsonValueKind.Array || hosts.GetArrayLength() == 0)
        {
            throw Fail("hosts", "must be a non-empty array of hosts");
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var specs = new List<HostSpec>();
        var i = 0;
        foreach (var host in hosts.EnumerateArray())
        {
            var spec = Host(host, $"hosts[{i++}]");
            if (seen.TryGetValue(spec.Name, out var first))
            {
                throw Fail($"hosts[{i - 1}].name", $"host '{spec.Name}' is listed twice (first at line {lines.LineOf(first)})");
            }

            seen[spec.Name] = $"hosts[{i - 1}].name";
            if (spec.Network is { } network && specs.FirstOrDefault(s => s.Network?.Overlaps(network) == true) is { } other)
            {
                throw Fail($"hosts[{i - 1}].network.addresses", $"{network.First}-{network.Last} overlaps host '{other.Name}''s {other.Network!.First}-{other.Network.Last}; two nodes would get one address");
            }

            if (spec.Network is { } mine && specs.FirstOrDefault(s => s.Network is { } theirs && (theirs.Contains(mine.Gateway) || mine.Contains(theirs.Gateway))) is { } clash)
            {
                throw Fail($"hosts[{i - 1}].network.gateway", $"a gateway of host '{spec.Name}' or '{clash.Name}' is inside the other's node addresses; a node would be given the router's address");
            }

            specs.Add(spec);
        }

        var file = new ClusterFile(specs, strategy, control) { HostHeartbeat = heartbeat };
        return metrics is null ? file : file with { Metrics = metrics };
    }

    private HostSpec Host(JsonElement host, string at)
    {
        Fields(host, at, "name", "driver", "capacity", "labels", "warmShells", "address", "network");
        var name = Required(host, at, "name");
        var driver = Required(host, at, "driver");
        if (!Uri.TryCreate(driver, UriKind.Absolute, out var uri) || !Schemes.Contains(uri.Scheme))
        {
            throw Fail($"{at}.driver", $"'{driver}' is not a driver URI; use one of {string.Join(", ", Schemes.Select(s => s + "://"))} (e.g. process://, xen+ssh://h1/system)");
        }

        if (!host.TryGetProperty("capacity", out var capacity))
        {
            throw Fail(at, $"host '{name}' has no capacity; add \"capacity\": {{ \"memoryMiB\": 8192, \"vcpus\": 8 }}");
        }

        Fields(capacity, $"{at}.capacity", "memoryMiB", "vcpus");
        var memory = Positive(capacity, $"{at}.capacity", "memoryMiB");
        var vcpus = Positive(capacity, $"{at}.capacity", "vcpus");
        if (vcpus > int.MaxValue)
        {
            throw Fail($"{at}.capacity.vcpus", $"{vcpus} vCPUs is more than any host has");
        }

        if (host.TryGetProperty("address", out _) && host.TryGetProperty("network", out _))
        {
            throw Fail($"{at}.network", $"host '{name}' has an address (nodes on user-mode networking, reached through the host) and a network (nodes on a bridge, each with its own address); give one");
        }

        var warm = host.TryGetProperty("warmShells", out var w)
            ? w.ValueKind == JsonValueKind.Number && w.TryGetInt32(out var n) && n is >= 0 and <= 64
                ? uri.Scheme == "process" || n == 0
                    ? n
                    : throw Fail($"{at}.warmShells", $"warm shells run on process:// hosts only; host '{name}' is {uri.Scheme}://")
                : throw Fail($"{at}.warmShells", $"must be a whole number from 0 to 64, not {w.GetRawText()}")
            : 0;
        return new HostSpec(name, driver, memory, (int)vcpus)
        {
            Labels = host.TryGetProperty("labels", out var l) ? Labels(l, $"{at}.labels") : new Dictionary<string, string>(),
            WarmShells = warm,
            Address = host.TryGetProperty("address", out var a) ? Address(a, $"{at}.address", uri) : null,
            Network = host.TryGetProperty("network", out var net) ? Network(net, $"{at}.network", uri) : null,
        };
    }

    /// <summary><c>"network": { "bridge": "xenbr0", "addresses": "10.0.5.100-10.0.5.149/24", "gateway": "10.0.5.1" }</c>.</summary>
    private BridgedNetwork Network(JsonElement network, string at, Uri driver)
    {
        if (driver.Scheme is "process" or "inproc" or "sim")
        {
            throw Fail(at, $"only VM hosts (xen://, xen+ssh://, qemu://, qemu+ssh://, test://) put nodes on a bridge, not {driver.Scheme}://");
        }

        Fields(network, at, "bridge", "addresses", "gateway");
        var bridge = Required(network, at, "bridge");
        if (bridge.Length > 15 || bridge.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw Fail($"{at}.bridge", $"'{bridge}' is not a bridge name (up to 15 letters, digits, '-', '_' or '.'), e.g. xenbr0");
        }

        var range = Required(network, at, "addresses");
        var example = "e.g. 10.0.5.100-10.0.5.149/24";
        var parts = range.Split('/');
        var ends = parts[0].Split('-');
        if (parts.Length != 2 || ends.Length != 2 || !IPv4(ends[0], out var first) || !IPv4(ends[1], out var last)
            || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var prefix))
        {
            throw Fail($"{at}.addresses", $"'{range}' is not FIRST-LAST/PREFIX, {example}");
        }

        if (prefix is < 8 or > 30)
        {
            throw Fail($"{at}.addresses", $"prefix /{prefix} is not from /8 to /30, {example}");
        }

        var gatewayText = Required(network, at, "gateway");
        if (!IPv4(gatewayText, out var gateway))
        {
            throw Fail($"{at}.gateway", $"'{gatewayText}' is not an IPv4 address, e.g. 10.0.5.1");
        }

        var spec = new BridgedNetwork(bridge, first, last, prefix, gateway);
        return spec.Count < 1
            ? throw Fail($"{at}.addresses", $"'{range}' ends before it starts, {example}")
            : spec.Count > MaxNodeAddresses
                ? throw Fail($"{at}.addresses", $"'{range}' holds {spec.Count:N0} addresses; a host takes at most {MaxNodeAddresses:N0}")
            : !spec.InSubnet(last)
                ? throw Fail($"{at}.addresses", $"{first} and {last} are not in one /{prefix} subnet")
            : spec.IsNetworkOrBroadcast(first) || spec.IsNetworkOrBroadcast(last)
                ? throw Fail($"{at}.addresses", $"'{range}' includes the subnet's network or broadcast address, which no node can have")
                : !spec.InSubnet(gateway)
                    ? throw Fail($"{at}.gateway", $"{gateway} is outside the nodes' subnet ({first}/{prefix}); give the router nodes reach it through")
                    : spec.Contains(gateway)
                        ? throw Fail($"{at}.gateway", $"{gateway} is inside the nodes' range {first}-{last}; a node would be given the router's address")
                        : spec;
    }

    private const long MaxNodeAddresses = 65_536;

    private static bool IPv4(string text, out System.Net.IPAddress address) =>
        System.Net.IPAddress.TryParse(text, out address!) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && text.Count(c => c == '.') == 3;

    private string Address(JsonElement address, string at, Uri driver)
    {
        var text = String(address, at);
        if (!Hypervisors.IsDirectQemu(driver))
        {
            throw Fail(at, $"only qemu:// hosts take an address (where their nodes' forwarded ports are reached), not {driver.Scheme}://");
        }

        return Uri.CheckHostName(text) is UriHostNameType.IPv4 or UriHostNameType.Dns
            ? text
            : throw Fail(at, $"'{text}' is not an IPv4 address or host name, e.g. 10.77.0.11");
    }

    private Uri Control(JsonElement control)
    {
        Fields(control, "control", "listen", "metrics");
        return control.TryGetProperty("listen", out var listen)
            ? Loopback(listen, "control.listen", "the control endpoint", 4040)
            : ClusterFile.DefaultControl;
    }

    private Uri Metrics(JsonElement metrics, Uri control)
    {
        var uri = Loopback(metrics, "control.metrics", "the metrics endpoint", control.Port + 1);
        if (new Uri(metrics.GetString()!).AbsolutePath.TrimEnd('/') is not ("" or "/metrics"))
        {
            throw Fail("control.metrics", $"'{metrics.GetString()}' has a path; metrics are served at /metrics, give the address only, e.g. http://127.0.0.1:{uri.Port}/");
        }

        return uri.Port != control.Port
            ? uri
            : throw Fail("control.metrics", $"port {uri.Port} is the control endpoint's (control.listen); give the metrics endpoint its own port");
    }

    // The default is next to the control endpoint, unless that is the last port there is.
    private Uri? CheckDefaultMetrics(Uri control) => control.Port < IPEndPoint.MaxPort
        ? null
        : throw Fail("control.listen", $"port {control.Port} leaves no port after it for the metrics endpoint; set control.metrics, e.g. http://127.0.0.1:4041/");

    private Uri Loopback(JsonElement value, string field, string what, int examplePort)
    {
        var text = String(value, field);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "http")
        {
            throw Fail(field, $"'{text}' is not an http:// address, e.g. http://127.0.0.1:{examplePort}/");
        }

        if (uri.Host is not ("127.0.0.1" or "localhost" or "[::1]"))
        {
            throw Fail(field, $"'{text}' is not on loopback; {what} listens on 127.0.0.1 only");
        }

        return new Uri($"http://127.0.0.1:{uri.Port}/");
    }

    private Dictionary<string, string> Labels(JsonElement labels, string at)
    {
        if (labels.ValueKind != JsonValueKind.Object)
        {
            throw Fail(at, "must be an object of string labels, e.g. { \"zone\": \"a\" }");
        }

        return labels.EnumerateObject().ToDictionary(p => p.Name, p => String(p.Value, $"{at}.{p.Name}"), StringComparer.Ordinal);
    }

    private void Fields(JsonElement element, string at, params string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail(at.Length == 0 ? null : at, $"must be an object, not {Kind(element)}");
        }

        foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            var field = at.Length == 0 ? property.Name : $"{at}.{property.Name}";
            throw Fail(field, $"unknown field; known fields here: {string.Join(", ", known)}");
        }
    }

    private string Required(JsonElement element, string at, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            throw Fail(at, $"is missing \"{name}\"");
        }

        var text = String(value, $"{at}.{name}");
        return text.Length > 0 ? text : throw Fail($"{at}.{name}", "must not be empty");
    }

    private long Positive(JsonElement element, string at, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            throw Fail(at, $"is missing \"{name}\"");
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n > 0
            ? n
            : throw Fail($"{at}.{name}", $"must be a positive whole number, not {value.GetRawText()}");
    }

    private string String(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Fail(at, $"must be a string, not {Kind(value)}");

    private ClusterFileException Fail(string? field, string problem) =>
        new(path, lines.LineOf(field ?? string.Empty), field, problem);

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{e.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => $"\"{e.GetString()}\"",
    };
}

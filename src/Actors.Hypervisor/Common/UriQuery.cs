using System.Globalization;

namespace Actors.Hypervisor;

/// <summary>A hypervisor URI's query (<c>?memory=4096&amp;vcpus=4</c>), with errors that name the URI.</summary>
internal sealed class UriQuery
{
    private readonly string _uri;
    private readonly Dictionary<string, string> _values;

    private UriQuery(string uri, Dictionary<string, string> values)
    {
        _uri = uri;
        _values = values;
    }

    public static UriQuery Parse(Uri uri)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            values[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
        }

        return new UriQuery(uri.OriginalString, values);
    }

    /// <summary>The capacity of a driver that takes no other parameter; any other one is refused.</summary>
    public static HostCapacity CapacityOnly(Uri uri)
    {
        var query = Parse(uri);
        var capacity = query.Capacity();
        query.EnsureAllUsed();
        return capacity;
    }

    /// <summary>The host capacity from <c>memory</c> (MiB) and <c>vcpus</c>; unlimited where absent.</summary>
    public HostCapacity Capacity() => new(Long("memory") ?? long.MaxValue, (int)(Long("vcpus") ?? int.MaxValue));

    public long? Long(string key)
    {
        if (!_values.Remove(key, out var text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new HypervisorUriException(_uri, $"has {key}={text}, which is not a positive whole number");
    }

    public string? String(string key) => _values.Remove(key, out var text) ? text : null;

    /// <summary>Throws if any parameter was not taken by the driver.</summary>
    public void EnsureAllUsed()
    {
        if (_values.Count > 0)
        {
            throw new HypervisorUriException(_uri, $"has parameter '{_values.Keys.First()}', which this driver does not take");
        }
    }
}

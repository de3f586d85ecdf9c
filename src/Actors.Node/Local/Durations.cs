using System.Globalization;

namespace Actors.Node;

/// <summary>Parses durations as people write them on a command line: <c>500ms</c>, <c>10s</c>, <c>5m</c>, <c>1h</c>.</summary>
public static class Durations
{
    /// <summary>The duration, or an <see cref="ArgumentException"/> that names the text and the accepted forms.</summary>
    public static TimeSpan Parse(string text)
    {
        var units = new (string Suffix, Func<double, TimeSpan> Make)[]
        {
            ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours),
        };
        foreach (var (suffix, make) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                && n > 0 && double.IsFinite(n))
            {
                return make(n);
            }
        }

        throw new ArgumentException($"'{text}' is not a duration; write a positive number with a unit, e.g. 500ms, 10s, 5m or 1h.");
    }
}

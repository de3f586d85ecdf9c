using System.Text.Json;

namespace Actors.Supervision;

/// <summary>Maps every value in a JSON document to the line it starts on, by path (<c>hosts[1].name</c>), so that
/// checks made after deserialising can still point at a line. System.Text.Json reports lines only for the errors
/// it finds itself.</summary>
internal sealed class JsonLines
{
    private readonly Dictionary<string, long> _lines = new(StringComparer.Ordinal);

    private JsonLines()
    {
    }

    /// <summary>The line <paramref name="path"/> starts on, or that of its nearest parent that exists.</summary>
    public long? LineOf(string path)
    {
        while (true)
        {
            if (_lines.TryGetValue(path, out var line))
            {
                return line;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return _lines.TryGetValue(string.Empty, out var top) ? top : null;
            }

            path = path[..cut];
        }
    }

    /// <summary>Indexes <paramref name="utf8"/>, which must already be known to parse.</summary>
    public static JsonLines Index(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        var index = new JsonLines();
        var reader = new Utf8JsonReader(utf8, options);
        var path = new Stack<Frame>();
        long line = 1;
        var counted = 0;
        string? property = null;
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            line += utf8[counted..start].Count((byte)'\n');
            counted = start;
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                path.Pop();
                continue;
            }

            var here = path.Count == 0 ? string.Empty : path.Peek().Child(property);
            index._lines.TryAdd(here, line);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                path.Push(new Frame(here, reader.TokenType == JsonTokenType.StartArray));
            }
        }

        return index;
    }

    private sealed class Frame(string path, bool isArray)
    {
        private int _next;

        public string Child(string? property) => isArray
            ? $"{path}[{_next++}]"
            : path.Length == 0 ? property! : $"{path}.{property}";
    }
}

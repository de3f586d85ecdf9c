using System.Text.Encodings.Web;
using System.Text.Json;

namespace Actors.Node;

/// <summary>Writes runtime events to a text stream, one per line: readable columns, or one JSON object per
/// line with <c>ts</c>, <c>event</c>, <c>service</c>, <c>node</c> and the event's own fields.</summary>
public sealed class EventWriter(TextWriter output, bool json)
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _lock = new();

    /// <summary>Writes one event; safe from any thread.</summary>
    public void Write(RuntimeEvent e)
    {
        var line = json ? Json(e) : Text(e);
        lock (_lock)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private static string Text(RuntimeEvent e)
    {
        var fields = string.Join("  ", e.Fields.Select(f => $"{f.Key}={f.Value}"));
        return $"{e.Ts:HH:mm:ss.fff}  {e.Node ?? "-",-24} {e.Event,-20} {fields}".TrimEnd();
    }

    private static string Json(RuntimeEvent e)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("ts", e.Ts);
            writer.WriteString("event", e.Event);
            writer.WriteString("service", e.Service);
            writer.WriteString("node", e.Node);
            foreach (var (key, value) in e.Fields)
            {
                if (key is not ("ts" or "event" or "service" or "node"))
                {
                    writer.WriteString(key, value);
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

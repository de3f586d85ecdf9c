using System.Globalization;
using System.Net;

namespace Actors.Supervision;

/// <summary>The dashboard page and the timeline feed it polls.</summary>
public sealed partial class ControlEndpoint
{
    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var resource = typeof(ControlEndpoint).Assembly.GetManifestResourceStream("Actors.Supervision.dashboard.html")
            ?? throw new InvalidOperationException("the dashboard page is missing from Actors.Supervision's resources");
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        return bytes.ToArray();
    });

    private static async Task DashboardAsync(HttpListenerResponse response)
    {
        response.StatusCode = 200;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers["Cache-Control"] = "no-store";
        await response.OutputStream.WriteAsync(Page.Value);
        response.Close();
    }

    // Polled rather than pushed: the endpoint serves one request at a time, and a held-open stream would block it.
    private async Task EventsAsync(string? since, HttpListenerResponse response)
    {
        long after = 0;
        if (since is not null && !long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            await ReplyAsync(response, 400, new { error = $"since must be a timeline sequence number (0 or more), not '{since}'" });
            return;
        }

        // A cursor from beyond the end was given out by an earlier supervisor: start again from the beginning.
        var timeline = _table.Timeline;
        if (after > timeline.Last)
        {
            after = 0;
        }

        var entries = timeline.Since(after);
        await ReplyAsync(response, 200, new
        {
            Last = entries.Count > 0 ? entries[^1].Seq : after,
            Missed = entries.Count > 0 ? entries[0].Seq - after - 1 : 0,
            Events = entries,
        });
    }
}

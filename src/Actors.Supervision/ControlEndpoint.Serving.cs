using System.Net;

namespace Actors.Supervision;

/// <summary>The serving loop: one request at a time, none of which can end it, and the requests refused before
/// any route sees them.</summary>
public sealed partial class ControlEndpoint
{
    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            await ServeOneAsync(context);
        }
    }

    // One request's failure (a client that hung up, a request the listener already answered itself, such as a
    // POST without a length) must not end the loop that serves everyone else.
    private async Task ServeOneAsync(HttpListenerContext context)
    {
        try
        {
            if (!await RefusedAsync(context.Request, context.Response))
            {
                await HandleAsync(context.Request, context.Response);
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            context.Response.Abort();
        }
        catch (Exception e)
        {
            try
            {
                await ReplyAsync(context.Response, 500, new { error = e.Message });
            }
            catch (Exception)
            {
                // Not even an error reply gets through: drop the connection.
                context.Response.Abort();
            }
        }
    }

    private async Task<bool> RefusedAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        if (request.HttpMethod == "POST" && request.Headers["Content-Length"] is null && request.Headers["Transfer-Encoding"] is null)
        {
            // A POST without a length: the listener has already answered 411 Length Required; do not act on it.
            response.Abort();
            return true;
        }

        // The dashboard invites operators to keep this endpoint open in a browser; a page from anywhere else may then
        // make that browser send it a POST (a kill) without asking. Browsers name such a page's origin: refuse it.
        if (request.HttpMethod != "GET" && request.Headers["Origin"] is { } origin && !IsOwnOrigin(origin))
        {
            await ReplyAsync(response, 403, new { error = $"a page from {origin} may not change the cluster; use actors kill or the endpoint's own origin" });
            return true;
        }

        return false;
    }

    private bool IsOwnOrigin(string origin) =>
        origin.TrimEnd('/') is var o && (o == Url.TrimEnd('/') || o == $"http://localhost:{new Uri(Url).Port}");
}

using System.Net;
using System.Text.Json;
using Actors.Hypervisor;

namespace Actors.Supervision;

/// <summary>The operators' way in: HTTP on loopback only, served by the node that runs the cluster supervisor.
/// <c>GET /</c> is the dashboard (a page showing hosts, nodes and a live timeline); <c>GET /events?since=N</c> the
/// timeline's entries after N; <c>GET /nodes</c> lists the nodes (what <c>actors ps</c> prints); <c>GET /hosts</c> the hosts with their free
/// capacity and whether they are lost; <c>POST /nodes/NAME/kill</c> destroys a node's
/// domain through its host's driver, and the supervisor restarts it as it would after any other death. A POST from a
/// web page of another origin is refused.</summary>
public sealed partial class ControlEndpoint : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly HttpListener _listener = new();
    private readonly NodeTable _table;
    private readonly Placement _placement;
    private readonly Task _serving;

    /// <summary>Starts serving on <c>http://127.0.0.1:<paramref name="port"/>/</c>.</summary>
    public ControlEndpoint(NodeTable table, Placement placement, int port)
    {
        _table = table;
        _placement = placement;
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Where the endpoint listens.</summary>
    public string Url { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private async Task HandleAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        var path = request.Url!.AbsolutePath.Trim('/').Split('/');
        switch (request.HttpMethod, path)
        {
            case ("GET", [""]):
                await DashboardAsync(response);
                break;
            case ("GET", ["events"]):
                await EventsAsync(request.QueryString["since"], response);
                break;
            case ("GET", ["nodes"]):
                await ReplyAsync(response, 200, _table.Rows.Select(r => new
                {
                    r.Node, r.Service, r.Tenant, r.Host, r.State, UptimeSeconds = (long)_table.Uptime(r).TotalSeconds, r.Restarts, r.Address,
                }));
                break;
            case ("GET", ["hosts"]):
                await ReplyAsync(response, 200, _placement.Hosts.Select(h => new
                {
                    Host = h.Spec.Name, h.Spec.Uri, h.Lost, h.LostBecause,
                    MemoryMib = h.Spec.MemoryMiB, Vcpus = h.Spec.VCpus, FreeMemoryMib = h.FreeMemoryMiB, FreeVcpus = h.FreeVCpus,
                }));
                break;
            case ("POST", ["nodes", var name, "kill"]):
                var row = _table.Rows.FirstOrDefault(r => r.Node == name);
                var host = _placement.Hosts.FirstOrDefault(h => h.Spec.Name == row?.Host);
                if (row is null || host is null)
                {
                    await ReplyAsync(response, 404, new { error = $"no node named '{name}'; nodes: {string.Join(", ", _table.Rows.Select(r => r.Node))}" });
                    break;
                }

                try
                {
                    await host.Driver.DestroyAsync(name);
                    await ReplyAsync(response, 202, new { killed = name, host = host.Spec.Name });
                }
                catch (DomainStateException e)
                {
                    await ReplyAsync(response, 409, new { error = e.Message });
                }

                break;
            case ("GET", ["nodes", var name, "logs"]):
                await LogsAsync(name, int.TryParse(request.QueryString["lines"], out var lines) && lines > 0 ? lines : 100, response);
                break;
            default:
                await ReplyAsync(response, 404, new { error = $"no such endpoint: {request.HttpMethod} {request.Url.AbsolutePath}; use GET / (the dashboard), GET /events?since=N, GET /nodes, GET /hosts, GET /nodes/NAME/logs or POST /nodes/NAME/kill" });
                break;
        }
    }

    // The last lines of the node's log, where its host's driver keeps one on this machine.
    private async Task LogsAsync(string name, int lines, HttpListenerResponse response)
    {
        var row = _table.Rows.FirstOrDefault(r => r.Node == name);
        var host = _placement.Hosts.FirstOrDefault(h => h.Spec.Name == row?.Host);
        if (row is null || host is null)
        {
            await ReplyAsync(response, 404, new { error = $"no node named '{name}'; nodes: {string.Join(", ", _table.Rows.Select(r => r.Node))}" });
            return;
        }

        if (host.Driver is not IDomainLogs logs)
        {
            await ReplyAsync(response, 409, new { error = $"host {host.Spec.Name} ({host.Spec.Uri}) keeps no log of its domains here" });
            return;
        }

        var path = logs.LogPath(name);
        var text = File.Exists(path) ? await ReadSharedAsync(path) : string.Empty;
        await ReplyAsync(response, 200, new { node = name, host = host.Spec.Name, lines = text.Split('\n').TakeLast(lines + 1).SkipLast(1).ToList() });
    }

    // The driver still appends to the file.
    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        return await reader.ReadToEndAsync();
    }

    private static async Task ReplyAsync(HttpListenerResponse response, int status, object body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.OutputStream, body, Json);
        response.Close();
    }
}

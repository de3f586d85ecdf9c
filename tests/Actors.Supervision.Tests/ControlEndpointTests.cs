using System.Net.Sockets;
using System.Text;

namespace Actors.Supervision.Tests;

/// <summary>The control endpoint's HTTP handling itself, on an empty table: it keeps serving whatever one request does.</summary>
public sealed class ControlEndpointTests
{
    [Fact]
    public async Task A_post_without_a_length_and_a_client_that_hangs_up_leave_the_endpoint_serving()
    {
        await using var endpoint = new ControlEndpoint(new NodeTable(), new Placement([]), Ports.FreeLoopback());
        var port = new Uri(endpoint.Url).Port;

        var rejected = await RawAsync(port, "POST /nodes/x/kill HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        using (var gone = new TcpClient())
        {
            await gone.ConnectAsync("127.0.0.1", port);
            await gone.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
            gone.Client.Close(0);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var nodes = await http.GetStringAsync(endpoint.Url + "nodes");
        var page = await http.GetStringAsync(endpoint.Url);

        Assert.StartsWith("HTTP/1.1 411", rejected);
        Assert.Equal("[]", nodes);
        Assert.Contains("<title>Actors cluster</title>", page);
    }

    [Fact]
    public async Task A_post_from_a_page_of_another_origin_is_refused_and_one_without_an_origin_is_served()
    {
        await using var endpoint = new ControlEndpoint(new NodeTable(), new Placement([]), Ports.FreeLoopback());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var foreign = new HttpRequestMessage(HttpMethod.Post, endpoint.Url + "nodes/greeter-1/kill") { Content = new StringContent("") };
        foreign.Headers.Add("Origin", "http://evil.example");
        var refused = await http.SendAsync(foreign);
        using var own = new HttpRequestMessage(HttpMethod.Post, endpoint.Url + "nodes/greeter-1/kill") { Content = new StringContent("") };
        own.Headers.Add("Origin", endpoint.Url.TrimEnd('/'));
        var ownOrigin = await http.SendAsync(own);
        var cli = await http.PostAsync(endpoint.Url + "nodes/greeter-1/kill", null);

        Assert.Equal(403, (int)refused.StatusCode);
        Assert.Contains("a page from http://evil.example may not change the cluster", await refused.Content.ReadAsStringAsync());
        Assert.Equal(404, (int)ownOrigin.StatusCode);
        Assert.Equal(404, (int)cli.StatusCode);
    }

    [Fact]
    public async Task Events_returns_the_timeline_after_a_cursor_and_explains_a_bad_one()
    {
        var table = new NodeTable();
        await using var endpoint = new ControlEndpoint(table, new Placement([]), Ports.FreeLoopback());
        var now = DateTimeOffset.UtcNow;
        table.Apply(RuntimeEvents.Make(now, "node.boot", "supervisor", "s", ("domain", "g-1"), ("service", "g"), ("tenant", null), ("host", "h"), ("ms", 12)));
        table.Apply(RuntimeEvents.Make(now, "node.down", "supervisor", "s", ("domain", "g-1"), ("reason", "Destroyed"), ("detail", "")));
        table.Apply(RuntimeEvents.Make(now, "child.restart", "supervisor", "s", ("child", "g-1"), ("reason", "killed")));
        table.Apply(RuntimeEvents.Make(now, "child.restart", "supervisor", "s", ("child", "summoner"), ("reason", "not a node")));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var all = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(endpoint.Url + "events")).RootElement;
        var after = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(endpoint.Url + "events?since=2")).RootElement;
        var bad = await http.GetAsync(endpoint.Url + "events?since=soon");

        Assert.Equal(3, all.GetProperty("last").GetInt64());
        Assert.Equal(["boot", "kill", "restart"], all.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("h", all.GetProperty("events")[2].GetProperty("host").GetString());
        Assert.Equal("g", all.GetProperty("events")[2].GetProperty("service").GetString());
        var restart = Assert.Single(after.GetProperty("events").EnumerateArray());
        Assert.Equal(("restart", "g-1", "killed"), (restart.GetProperty("kind").GetString(), restart.GetProperty("node").GetString(), restart.GetProperty("detail").GetString()));
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("since must be a timeline sequence number", await bad.Content.ReadAsStringAsync());
    }

    internal static async Task<string> RawAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}

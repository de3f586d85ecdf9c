using System.Globalization;
using System.Text;
using Actors.Node;
using Akka.Actor;
using Hello;

namespace Actors.Supervision.Tests;

/// <summary>The supervisor's metrics as Prometheus scrapes them from a running cluster, and the cluster file's
/// <c>control.metrics</c> address.</summary>
[Collection(SupervisorMeter.Collection)]
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_count_boots_kills_restarts_summons_and_reaps_and_time_boots_in_a_histogram()
    {
        var greeter = HelloServices.Greeter with { Scaling = Scaling.Fixed(2) };
        var lazy = new ServiceSpec("lazy", HelloServices.Greeter.Root).Accepts<Greet>().Accepts<Greeting>().WithScaling(Scaling.OnDemand(TimeSpan.FromSeconds(10)));
        var events = new EventLog();
        await using var cluster = await SupervisorMeter.StartAsync([greeter, lazy], [new HostSpec("metrics", "inproc://", 8192, 8)], events);
        await SupervisorMeter.UpAsync(events, "greeter-1", "greeter-2");

        // An on-demand node: summoned by a message, reaped once idle for its ten seconds (a shorter TTL can run out while
        // a node on a loaded machine is still joining: its idle clock starts with the node, not with its first message).
        await ServiceRef.To(cluster.Node.System, lazy).Ask<Greeting>(new Greet("x"), TimeSpan.FromSeconds(60));
        var reaped = await events.WaitForAsync(e => e.Event == "node.down" && e.Fields["domain"] == "lazy-1");
        using var http = new HttpClient();
        var refused = await ControlEndpointTests.RawAsync(new Uri(cluster.Endpoint!.Url).Port, "POST /nodes/greeter-2/kill HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        var kill = await http.PostAsync(cluster.Endpoint!.Url + "nodes/greeter-1/kill", null);
        await events.WaitForAsync(e => e.Event == "child.restart" && e.Fields["child"] == "greeter-1");
        await SupervisorMeter.UpAsync(events, "greeter-1");
        // The exporter caches a scrape for a moment: ask until the restarted node's boot shows.
        var text = string.Empty;
        for (var i = 0; i < 100 && Value(text, "actors_node_boot_duration_milliseconds_count", ("service", "greeter"), ("host", "metrics")) != 3; i++)
        {
            text = await http.GetStringAsync(cluster.Metrics!.Url);
        }

        Assert.Equal("Shutdown", reaped.Fields["reason"]);
        Assert.Equal(202, (int)kill.StatusCode);
        Assert.StartsWith("HTTP/1.1 411", refused);
        Assert.EndsWith("/metrics", cluster.Metrics!.Url);
        Assert.Contains("# TYPE actors_node_boots_total counter", text);
        Assert.Contains("# TYPE actors_node_boot_duration_milliseconds histogram", text);
        Assert.Contains("# TYPE actors_node_mailbox_depth gauge", text);
        Assert.True(3 == Value(text, "actors_node_boots_total", ("service", "greeter"), ("host", "metrics")), text);
        Assert.Equal(1, Value(text, "actors_node_boots_total", ("service", "lazy"), ("host", "metrics")));
        // Only the kill with a length: the listener refused the other (411), and it was not acted on.
        Assert.Equal(1, Value(text, "actors_node_kills_total", ("service", "greeter"), ("host", "metrics")));
        Assert.Equal(1, Value(text, "actors_node_restarts_total", ("service", "greeter"), ("host", "metrics")));
        Assert.Equal(1, Value(text, "actors_node_summons_total", ("service", "lazy")));
        Assert.Equal(1, Value(text, "actors_node_reaps_total", ("service", "lazy"), ("host", "metrics")));
        Assert.Null(Value(text, "actors_node_kills_total", ("service", "lazy"), ("host", "metrics")));
        Assert.Null(Value(text, "actors_node_crashes_total", ("service", "greeter"), ("host", "metrics")));
        Assert.Equal(3, Value(text, "actors_node_boot_duration_milliseconds_count", ("service", "greeter"), ("host", "metrics")));
        Assert.Equal(3, Value(text, "actors_node_boot_duration_milliseconds_bucket", ("service", "greeter"), ("le", "+Inf"), ("host", "metrics")));
        Assert.InRange(Value(text, "actors_node_boot_duration_milliseconds_sum", ("service", "greeter"), ("host", "metrics"))!.Value, 1, 3 * 60_000);
        Assert.NotNull(Value(text, "actors_node_mailbox_depth", ("node", "greeter-1"), ("service", "greeter"), ("host", "metrics")));
        Assert.NotNull(Value(text, "actors_node_mailbox_depth", ("node", "greeter-2"), ("host", "metrics")));
        Assert.Null(Value(text, "actors_node_mailbox_depth", ("node", "lazy-1"), ("host", "metrics")));
    }

    [Fact]
    public void Boots_counted_before_anyone_listens_are_seen_by_a_listener_that_comes_later()
    {
        using var metrics = new SupervisorMetrics();
        var now = DateTimeOffset.UtcNow;
        metrics.Apply(RuntimeEvents.Make(now, "node.placed", "supervisor", "s", ("domain", "early-1"), ("service", "early"), ("host", "early-host")));
        metrics.Apply(RuntimeEvents.Make(now, "node.boot", "supervisor", "s", ("domain", "early-1"), ("service", "early"), ("tenant", null), ("host", "early-host"), ("ms", 5)));
        var seen = new List<(string Instrument, long Value)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SupervisorMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            // Other tests' deployments in this process have meters of the same name: keep this one's host only.
            foreach (var tag in tags)
            {
                if (tag is { Key: "host", Value: "early-host" })
                {
                    seen.Add((instrument.Name, value));
                }
            }
        });

        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal([("actors.node.boots", 1L)], seen);
    }

    [Fact]
    public async Task A_taken_metrics_port_fails_the_start_with_a_message_naming_it()
    {
        // Another program on the port.
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var file = new ClusterFile([new HostSpec("metrics-taken", "inproc://", 4096, 8)], PlacementStrategy.Spread, new Uri($"http://127.0.0.1:{Ports.FreeLoopback()}/"))
        {
            Metrics = new Uri($"http://127.0.0.1:{port}/"),
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var started = await ClusterDeployment.StartAsync(file, [HelloServices.Greeter], new NodeLaunch(), LocalCluster.NodeOptions(1), SupervisorMeter.StateDirectory);
        });

        Assert.StartsWith($"cannot serve metrics on http://127.0.0.1:{port}/", error.Message);
        Assert.Contains("set control.metrics in the cluster file", error.Message);
    }

    [Theory]
    [InlineData("", "http://127.0.0.1:4041/")]
    [InlineData("\"control\": { \"listen\": \"http://127.0.0.1:5000/\" },", "http://127.0.0.1:5001/")]
    [InlineData("\"control\": { \"metrics\": \"http://localhost:9464/metrics\" },", "http://127.0.0.1:9464/")]
    [InlineData("\"control\": { \"listen\": \"http://127.0.0.1:5000/\", \"metrics\": \"http://127.0.0.1:9000/\" },", "http://127.0.0.1:9000/")]
    public void The_metrics_address_comes_from_control_metrics_or_sits_next_to_the_control_endpoint(string control, string expected)
    {
        var cluster = Parse(control);

        Assert.Equal(new Uri(expected), cluster.Metrics);
    }

    [Theory]
    [InlineData("\"control\": { \"metrics\": \"http://10.1.2.3:9464/\" },", "c.json:2: control.metrics: 'http://10.1.2.3:9464/' is not on loopback; the metrics endpoint listens on 127.0.0.1 only")]
    [InlineData("\"control\": { \"metrics\": 9464 },", "c.json:2: control.metrics: must be a string, not the number 9464")]
    [InlineData("\"control\": { \"metrics\": \"127.0.0.1:9464\" },", "c.json:2: control.metrics: '127.0.0.1:9464' is not an http:// address, e.g. http://127.0.0.1:4041/")]
    [InlineData("\"control\": { \"metrics\": \"http://127.0.0.1:4040/\" },", "c.json:2: control.metrics: port 4040 is the control endpoint's (control.listen); give the metrics endpoint its own port")]
    [InlineData("\"control\": { \"metrics\": \"http://127.0.0.1:9464/prom\" },", "c.json:2: control.metrics: 'http://127.0.0.1:9464/prom' has a path; metrics are served at /metrics")]
    [InlineData("\"control\": { \"listen\": \"http://127.0.0.1:65535/\" },", "c.json:2: control.listen: port 65535 leaves no port after it for the metrics endpoint; set control.metrics")]
    [InlineData("\"control\": { \"metric\": \"http://127.0.0.1:9464/\" },", "c.json:2: control.metric: unknown field; known fields here: listen, metrics")]
    public void A_bad_metrics_address_is_one_line_naming_the_field(string control, string expected)
    {
        var error = Assert.Throws<ClusterFileException>(() => Parse(control));

        Assert.StartsWith(expected, error.Message);
    }

    private static ClusterFile Parse(string control) => ClusterFile.Parse("c.json", Encoding.UTF8.GetBytes($$"""
        {
          {{control}}
          "hosts": [ { "name": "h1", "driver": "sim://h1", "capacity": { "memoryMiB": 1024, "vcpus": 4 } } ]
        }
        """));

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels include <paramref name="labels"/>;
    /// null if there is none.</summary>
    private static double? Value(string scrape, string metric, params (string Name, string Value)[] labels)
    {
        double? sum = null;
        foreach (var line in scrape.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) && !line.StartsWith(metric + " ", StringComparison.Ordinal))
            {
                continue;
            }

            if (labels.All(l => line.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
                sum = (sum ?? 0) + double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }
}

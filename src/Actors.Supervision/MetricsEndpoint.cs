using System.Net;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Actors.Supervision;

/// <summary>Serves the <see cref="SupervisorMetrics"/> meter to Prometheus: <c>GET /metrics</c> on a loopback
/// address, through OpenTelemetry's Prometheus exporter.</summary>
public sealed class MetricsEndpoint : IDisposable
{
    private readonly MeterProvider _provider;

    private MetricsEndpoint(MeterProvider provider, string url) => (_provider, Url) = (provider, url);

    /// <summary>Where Prometheus scrapes: <c>http://127.0.0.1:PORT/metrics</c>.</summary>
    public string Url { get; }

    /// <summary>Starts serving on <paramref name="listen"/> (<c>http://127.0.0.1:PORT/</c>).</summary>
    /// <exception cref="InvalidOperationException">The address cannot be listened on (the port is taken).</exception>
    public static MetricsEndpoint Start(Uri listen)
    {
        var prefix = $"http://127.0.0.1:{listen.Port}/";
        try
        {
            // The exporter's own listener only logs a failure to start; try the address first to say so here.
            using (var probe = new HttpListener())
            {
                probe.Prefixes.Add(prefix);
                probe.Start();
            }

            var provider = Sdk.CreateMeterProviderBuilder()
                .AddMeter(SupervisorMetrics.MeterName)
                .AddPrometheusHttpListener(o => (o.Host, o.Port) = ("127.0.0.1", listen.Port))
                .Build();
            return new MetricsEndpoint(provider, prefix + "metrics");
        }
        catch (HttpListenerException e)
        {
            throw new InvalidOperationException($"cannot serve metrics on {prefix}: {e.Message}; set control.metrics in the cluster file to a free port", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _provider.Dispose();
}

using System.Diagnostics;
using Actors;
using Actors.Hosting;
using Akka.Actor;
using Microsoft.Extensions.Hosting;

namespace Tenants;

/// <summary>Plays a few tenants' requests against the gateway: the first request of each tenant boots its node,
/// later ones reuse it; once every tenant has been idle for the TTL their nodes are reaped, and the next request
/// boots a new one. Then the application stops.</summary>
public sealed class Traffic(ActorsRuntime runtime, ServiceSpec storefront, TenantConsole console, IHostApplicationLifetime lifetime) : BackgroundService
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly (string Tenant, string Path)[] FirstRound =
    [
        ("acme", "/"), ("globex", "/"), ("acme", "/cart"), ("initech", "/"), ("globex", "/cart"), ("acme", "/checkout"),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await runtime.WhenStarted.WaitAsync(stoppingToken);
            foreach (var (tenant, path) in FirstRound)
            {
                await RequestAsync(tenant, path);
            }

            foreach (var tenant in FirstRound.Select(r => r.Tenant).Distinct())
            {
                await WaitForReapAsync(tenant, 1, stoppingToken);
            }

            // acme comes back after its node was reaped: a new node boots, and its count starts again.
            await RequestAsync("acme", "/");
            await WaitForReapAsync("acme", 2, stoppingToken);
        }
        catch (Exception e) when (e is TimeoutException or AskTimeoutException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Environment.ExitCode = 1;
        }

        lifetime.StopApplication();
    }

    private async Task RequestAsync(string tenant, string path)
    {
        var watch = Stopwatch.StartNew();
        var page = await runtime.ServiceRef(storefront, tenant).Ask<Page>(new PageRequest(tenant, path), Patience);
        TenantConsole.Print("request", $"{tenant} {path}", $"-> {page.Node} (request {page.Served} on that node) in {watch.ElapsedMilliseconds} ms");
    }

    private async Task WaitForReapAsync(string tenant, int count, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(Patience);
        await console.WaitForReapsAsync($"{storefront.Name}-{tenant}", count, timeout.Token);
    }
}

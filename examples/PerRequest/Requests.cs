using System.Diagnostics;
using Actors;
using Actors.Hosting;
using Actors.Hypervisor;
using Akka.Actor;
using Microsoft.Extensions.Hosting;

namespace PerRequest;

/// <summary>Serves each request on a node of its own: defines and boots a worker domain through the driver,
/// sends the request through the gateway, and destroys the domain once the answer is back (the gateway then
/// downs the dead member, as a cluster supervisor would). Prints each boot's latency, then a summary.</summary>
public sealed class Requests(ActorsRuntime runtime, RequestSettings settings, IHostApplicationLifetime lifetime) : BackgroundService
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await runtime.WhenStarted.WaitAsync(stoppingToken);
            await using var driver = Hypervisors.Open(settings.Driver, new HypervisorOptions
            {
                Services = [PerRequestServices.Worker],
                StateDirectory = Path.Combine(Path.GetTempPath(), "actors-per-request"),
            });
            var boots = new List<long>();
            for (var id = 1; id <= settings.Requests && !stoppingToken.IsCancellationRequested; id++)
            {
                boots.Add(await ServeAsync(driver, id, stoppingToken));
            }

            boots.Sort();
            Console.Out.WriteLine($"summary  {boots.Count} requests on {settings.Driver}, one node each: boot to first reply p50 {boots[boots.Count / 2]} ms, min {boots[0]} ms, max {boots[^1]} ms");
        }
        catch (Exception e) when (e is HypervisorException or AskTimeoutException or TimeoutException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Environment.ExitCode = 1;
        }

        lifetime.StopApplication();
    }

    /// <summary>One request on one new node; returns the milliseconds from the domain's definition to the answer.</summary>
    private async Task<long> ServeAsync(IHypervisor driver, int id, CancellationToken stoppingToken)
    {
        var name = $"worker-{PerRequestServices.Tenant(id)}";
        var watch = Stopwatch.StartNew();
        await driver.DefineAsync(Domain(driver, name, id), stoppingToken);
        await driver.BootAsync(name, stoppingToken);
        var booted = watch.ElapsedMilliseconds;
        var done = await runtime.ServiceRef(PerRequestServices.Gateway).Ask<Done>(new Job(id, $"request {id}"), Patience, stoppingToken);
        var replied = watch.ElapsedMilliseconds;

        await driver.DestroyAsync(name, stoppingToken);
        Akka.Cluster.Cluster.Get(runtime.System).Down(Address.Parse(done.Address));
        await driver.UndefineAsync(name, stoppingToken);
        Console.Out.WriteLine(
            $"request {id,-3} {done.Node,-24} driver boot {booted,5} ms  first reply {replied,5} ms  destroyed {watch.ElapsedMilliseconds - replied,4} ms later  sha256 {done.Digest}");
        return replied;
    }

    private DomainSpec Domain(IHypervisor driver, string name, int id)
    {
        var spec = new DomainSpec
        {
            Name = name,
            Service = PerRequestServices.Worker.Name,
            Environment = new Dictionary<string, string>
            {
                ["ACTORS_NODE__ORDINAL"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ACTORS_NODE__SEEDS__0"] = runtime.Nodes[0].Address.ToString(),
                ["ACTORS_NODE__ROLES__0"] = Summon.TenantRole(PerRequestServices.Worker.Name, PerRequestServices.Tenant(id)),
                ["ACTORS_NODE__GOSSIPINTERVAL"] = "00:00:00.200",
                ["ACTORS_NODE__LEADERACTIONSINTERVAL"] = "00:00:00.200",
            },
        };

        // A process node is this very program, told to be one node of the worker service.
        return driver.Uri.Scheme == "process"
            ? spec with { Image = typeof(Requests).Assembly.Location, Arguments = [$"--{Actors.Hosting.ActorsHostingOptions.DefaultSection}:Service=worker"] }
            : spec;
    }
}

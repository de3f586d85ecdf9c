using Actors.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tenants;

try
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
    var storefront = TenantsServices.Storefront(builder.Configuration.GetValue("Tenants:IdleTtl", TimeSpan.FromSeconds(2)));
    await using var local = TenantsServices.LocalHost(storefront);

    // The gateway node runs the cluster supervisor; store front nodes are booted by it, so they are only reached.
    builder.Services.AddActors(o => o.Run(TenantsServices.Gateway(storefront, local)).Reach(storefront));
    builder.Services.AddSingleton(storefront);
    builder.Services.AddSingleton<TenantConsole>();
    builder.Services.AddSingleton<IRuntimeEventSink>(s => s.GetRequiredService<TenantConsole>());
    builder.Services.AddHostedService<Traffic>();
    await builder.Build().RunAsync();
    return Environment.ExitCode;
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

using Hello;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Hosting.Tests;

/// <summary>Generic hosts as an application builds them (<see cref="Host.CreateApplicationBuilder()"/>), with a
/// content root of their own (for appsettings.json) and a collecting logger instead of the console.</summary>
internal static class TestHosts
{
    /// <summary>Hello's greeter on one node.</summary>
    public static ServiceSpec Greeter { get; } = HelloServices.Greeter with { Scaling = Scaling.Fixed(1) };

    public static HostApplicationBuilder Builder(CollectingLoggerProvider logs, string? appsettings = null)
    {
        var root = Directory.CreateTempSubdirectory("actors-hosting-").FullName;
        if (appsettings is not null)
        {
            File.WriteAllText(Path.Combine(root, "appsettings.json"), appsettings);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Actors.Hosting;

/// <summary><c>services.AddActors(...)</c>: runs an application's services as nodes inside a generic host.</summary>
public static class ActorsServiceCollectionExtensions
{
    /// <summary>Runs the nodes <paramref name="configure"/> describes as a hosted service (started with the host,
    /// stopped gracefully with it), registers <see cref="ActorsRuntime"/> to reach services from the container,
    /// and writes runtime events and Akka's log to <c>ILogger</c> (category <c>Actors.Events</c>).</summary>
    public static IServiceCollection AddActors(this IServiceCollection services, Action<ActorsHostingOptions> configure)
    {
        if (services.Any(d => d.ServiceType == typeof(ActorsRuntime)))
        {
            throw new InvalidOperationException("AddActors was already called on this service collection; pass every service to one call.");
        }

        var options = new ActorsHostingOptions();
        configure(options);
        if (options.Services.Count == 0)
        {
            throw new ArgumentException("AddActors needs at least one service to run; pass the application's ServiceSpecs or its IServiceCatalog.", nameof(configure));
        }

        services.AddSingleton(options);
        services.AddSingleton<ActorsRuntime>();
        services.AddSingleton<IRuntimeEventSink, RuntimeEventLogging>();
        services.AddHostedService<ActorsHostedService>();
        return services;
    }

    /// <summary>Runs <paramref name="specs"/>: see <see cref="AddActors(IServiceCollection, Action{ActorsHostingOptions})"/>.</summary>
    public static IServiceCollection AddActors(this IServiceCollection services, params IEnumerable<ServiceSpec> specs) =>
        services.AddActors(o => o.Run(specs));

    /// <summary>Runs the services of <paramref name="catalog"/>.</summary>
    public static IServiceCollection AddActors(this IServiceCollection services, IServiceCatalog catalog) =>
        services.AddActors(o => o.Run(catalog.Services));

    /// <summary>Runs the services of a new <typeparamref name="TCatalog"/>.</summary>
    public static IServiceCollection AddActors<TCatalog>(this IServiceCollection services)
        where TCatalog : IServiceCatalog, new() =>
        services.AddActors(new TCatalog());
}

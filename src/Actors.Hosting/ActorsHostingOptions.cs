namespace Actors.Hosting;

/// <summary>What <see cref="ActorsServiceCollectionExtensions.AddActors(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{ActorsHostingOptions})"/>
/// runs: the application's services, the services it only sends to, and the configuration section the node
/// settings come from.</summary>
public sealed class ActorsHostingOptions
{
    /// <summary>The default configuration section: <c>Actors:Node:Port</c>, <c>Actors:Service</c>, ...</summary>
    public const string DefaultSection = "Actors";

    /// <summary>The application's services. With no <c>Service</c> setting every one runs as in-process nodes of
    /// one local cluster (as <c>dotnet run</c> does); with <c>Service=NAME</c> this process runs one node of NAME.</summary>
    public IList<ServiceSpec> Services { get; } = [];

    /// <summary>Services that run elsewhere (booted by a cluster supervisor, or in other processes) and that these
    /// nodes send messages to: their message types are bound to the serializer here too.</summary>
    public IList<ServiceSpec> Reached { get; } = [];

    /// <summary>The configuration section holding <c>Node</c> (bound to <see cref="Node.NodeOptions"/>) and
    /// <c>Service</c>; environment variables <c>ACTORS_NODE__*</c> and <c>ACTORS_SERVICE</c> override it.</summary>
    public string Section { get; set; } = DefaultSection;

    /// <summary>Adds services the application runs.</summary>
    public ActorsHostingOptions Run(params IEnumerable<ServiceSpec> services)
    {
        foreach (var service in services)
        {
            Services.Add(service);
        }

        return this;
    }

    /// <summary>Adds services that run elsewhere and are sent to from here.</summary>
    public ActorsHostingOptions Reach(params IEnumerable<ServiceSpec> services)
    {
        foreach (var service in services)
        {
            Reached.Add(service);
        }

        return this;
    }
}

using Actors.Node;
using Microsoft.Extensions.Configuration;

namespace Actors.Hosting;

/// <summary>What the hosted nodes are, from the options given to AddActors and the host's configuration: the
/// configured section (<c>Actors:Node:Port</c>, <c>Actors:Service</c>) overlaid with the environment variables
/// every Actors program reads (<c>ACTORS_NODE__PORT</c>, <c>ACTORS_SERVICE</c>), bound by
/// <see cref="NodeOptions.Bind"/> as <see cref="ActorsApplication"/> binds them.</summary>
/// <param name="Node">The node options (for the local cluster, the template of every node's).</param>
/// <param name="One">The one service to run a node of, or null for every service as a local cluster.</param>
/// <param name="Services">The application's services.</param>
/// <param name="MessageTypes">Every message type the nodes bind: the services' and the reached services'.</param>
internal sealed record ActorsConfiguration(NodeOptions Node, ServiceSpec? One, IReadOnlyList<ServiceSpec> Services, IReadOnlyList<Type> MessageTypes)
{
    /// <summary>The prefix of the environment variables that override the section.</summary>
    public const string EnvironmentPrefix = "ACTORS_";

    /// <summary>Binds the configuration; a bad setting fails with an <see cref="InvalidOperationException"/> naming it.</summary>
    public static ActorsConfiguration Bind(ActorsHostingOptions options, IConfiguration host)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(host.GetSection(options.Section))
            .AddEnvironmentVariables(EnvironmentPrefix)
            .Build();
        NodeOptions node;
        try
        {
            node = NodeOptions.Bind(configuration);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw Problem(options, e.Message);
        }

        var services = options.Services.ToList();
        ServiceSpec? one = null;
        if (configuration["service"] is { Length: > 0 } name)
        {
            one = services.FirstOrDefault(s => s.Name == name)
                ?? throw Problem(options, $"service is '{name}', which is not a service of this application; services: {string.Join(", ", services.Select(s => s.Name))}");
        }

        var types = services.Concat(options.Reached).SelectMany(s => s.MessageTypes).Distinct().ToList();
        return new ActorsConfiguration(node, one, services, types);
    }

    private static InvalidOperationException Problem(ActorsHostingOptions options, string message) =>
        new($"Actors configuration (section '{options.Section}', environment {EnvironmentPrefix}*): {message}");
}

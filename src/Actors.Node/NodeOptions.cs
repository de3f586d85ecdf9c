using Microsoft.Extensions.Configuration;

namespace Actors.Node;

/// <summary>Typed options of one node, bound from configuration (section <c>node</c>: appsettings, environment
/// variables <c>ACTORS_NODE__*</c>, command line <c>--node:port=2552</c>). The node's HOCON is generated from
/// these in <see cref="NodeHocon"/> and nowhere else.</summary>
public sealed record NodeOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "node";

    /// <summary>Which of the service's nodes this is: the N of <c>service-N@host</c>.</summary>
    public int Ordinal { get; init; } = 1;

    /// <summary>Address to bind the remoting port to.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Remoting port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Address other nodes reach this one at; defaults to <see cref="Host"/>.</summary>
    public string? PublicHost { get; init; }

    /// <summary>Seed node addresses (<c>akka.tcp://actors@host:port</c>). None: the node forms a cluster of its own.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];

    /// <summary>The ActorSystem name every member of one cluster shares.</summary>
    public string ClusterName { get; init; } = "actors";

    /// <summary>Cluster gossip interval; null keeps Akka's 1 s.</summary>
    public TimeSpan? GossipInterval { get; init; }

    /// <summary>How often the leader moves joining members to up; null keeps Akka's 1 s.</summary>
    public TimeSpan? LeaderActionsInterval { get; init; }

    /// <summary>Cluster roles besides the service's name, e.g. <c>domain:greeter-1</c> so that a supervisor can
    /// tell which member a domain it booted became.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Stop the node cleanly once nothing has come for its service for this long (on-demand nodes);
    /// null: never.</summary>
    public TimeSpan? IdleTtl { get; init; }

    /// <summary>Akka's own log level: DEBUG, INFO, WARNING, ERROR or OFF.</summary>
    public string LogLevel { get; init; } = "WARNING";

    /// <summary>Mutual TLS on the remoting port (<c>node:tls:certificate</c>, <c>node:tls:password</c>); off when no
    /// certificate is given. A node with TLS on and one with it off cannot talk to each other.</summary>
    public NodeTlsOptions Tls { get; init; } = new();

    /// <summary>The journal and snapshot store of the node's persistent actors (<c>node:persistence:dataDirectory</c>,
    /// <c>node:persistence:connectionString</c>).</summary>
    public NodePersistenceOptions Persistence { get; init; } = new();

    /// <summary>The scheme of this cluster's addresses: <c>akka.ssl.tcp</c> with TLS, else <c>akka.tcp</c>.</summary>
    public string SeedScheme => Tls.Enabled ? "akka.ssl.tcp" : "akka.tcp";

    /// <summary>The host part of node names.</summary>
    public string AdvertisedHost => PublicHost ?? Host;

    /// <summary>Binds the options from <paramref name="configuration"/>'s <c>node</c> section.</summary>
    public static NodeOptions Bind(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<NodeOptions>() ?? new NodeOptions();
        options.Validate();
        return options;
    }

    /// <summary>The Erlang-style name of this node of <paramref name="service"/>: <c>service-N@host</c>.</summary>
    public string NodeName(string service) => $"{service}-{Ordinal}@{AdvertisedHost}";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option.</summary>
    public void Validate()
    {
        string? problem = this switch
        {
            { Ordinal: < 1 } => $"node:ordinal is {Ordinal}; it must be 1 or more",
            { Port: < 0 or > 65535 } => $"node:port is {Port}; it must be 0 (any free port) to 65535",
            { Host: null or "" } => "node:host is empty; give the address to bind to, e.g. 127.0.0.1",
            { ClusterName: null or "" } => "node:clusterName is empty",
            _ when LogLevel is not ("DEBUG" or "INFO" or "WARNING" or "ERROR" or "OFF") =>
                $"node:logLevel is '{LogLevel}'; use DEBUG, INFO, WARNING, ERROR or OFF",
            _ when Persistence.Problem() is { } persistence => persistence,
            _ when Tls.Enabled && !File.Exists(Tls.Certificate) =>
                $"node:tls:certificate '{Tls.Certificate}' does not exist; make one with 'actors certs --out DIR --cluster NAME'",
            _ => Seeds.FirstOrDefault(s => !Uri.TryCreate(s, UriKind.Absolute, out var u) || u.Scheme != SeedScheme) is { } bad
                ? $"node:seeds has '{bad}', which is not an address like {SeedScheme}://{ClusterName}@127.0.0.1:4053" +
                  (Tls.Enabled ? " (node:tls is on)" : "")
                : null,
        };
        if (problem is not null)
        {
            throw new ArgumentException(problem);
        }
    }
}

using Actors.Hypervisor;
using Actors.Images;

namespace Actors.Supervision;

/// <summary>How the cluster supervisor turns "a node of service S" into a domain spec for a host's driver:
/// the program for <c>process://</c> hosts (the application's own entry point, run with <c>--service S</c>),
/// the image directory for VM hosts, nothing extra in-process. Node settings travel as <c>ACTORS_NODE__*</c>.
/// A node on a <c>qemu://</c> host gets user-mode networking: its remoting port (one per domain, see
/// <see cref="ForwardedPorts"/>) is forwarded from the host's <see cref="HostSpec.Address"/>, which it advertises,
/// and it reaches the seed through slirp's NAT, so the seed must advertise an address the host can reach (not
/// 127.0.0.1: <c>deploy/local-cluster.sh</c> runs the supervisor on a bridge address). A node on a host with a
/// <see cref="HostSpec.Network"/> (Xen, libvirt, or <c>qemu://</c>) is put on the host's bridge with an address of
/// its own instead (<see cref="BridgedNetwork"/>).</summary>
public sealed record NodeLaunch
{
    private readonly ForwardedPorts _ports = new();

    /// <summary>The application's entry (a .dll or an executable) for process hosts.</summary>
    public string? Program { get; init; }

    /// <summary>Where service images are, for VM hosts (one directory per service).</summary>
    public string? ImageDirectory { get; init; }

    /// <summary>Settings every node gets, e.g. faster gossip for local clusters.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether a node on <paramref name="host"/> runs code that joins the cluster (libvirt's test driver and
    /// the simulator run none, so their nodes never become members).</summary>
    public static bool Joins(Host host) => host.Driver.Uri.Scheme is not ("sim" or "test");

    /// <summary>The domain spec of the node <paramref name="node"/> describes, on <paramref name="host"/>.</summary>
    public DomainSpec Create(NodeProxySettings node, Host host, string clusterName, string seed)
    {
        var (service, domain, child, ordinal) = (node.Service, node.Child, node.Child, node.Ordinal);
        var environment = new Dictionary<string, string>(Environment)
        {
            ["ACTORS_NODE__ORDINAL"] = ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ACTORS_NODE__SEEDS__0"] = seed,
            ["ACTORS_NODE__CLUSTERNAME"] = clusterName,
            ["ACTORS_NODE__ROLES__0"] = DomainLabels.Role(domain),
        };
        if (node.Tenant is { } tenant)
        {
            environment["ACTORS_NODE__ROLES__1"] = Summon.TenantRole(service.Name, tenant);
        }

        if (node.IdleTtl is { } ttl)
        {
            environment["ACTORS_NODE__IDLETTL"] = ttl.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        var spec = new DomainSpec
        {
            Name = domain,
            Service = service.Name,
            MemoryMiB = service.Resources.MemoryMiB,
            VCpus = service.Resources.VCpus,
            Environment = environment,
            Labels = new Dictionary<string, string>
            {
                [DomainLabels.Cluster] = clusterName,
                [DomainLabels.Service] = service.Name,
                [DomainLabels.Child] = child,
                [DomainLabels.Tenant] = node.Tenant ?? string.Empty,
            },
        };
        return host.Driver.Uri.Scheme switch
        {
            "process" => spec with
            {
                Image = Program ?? throw new InvalidOperationException($"Host {host.Spec.Name} runs nodes as processes, but no program was given to launch them."),
                Arguments = ["--service", service.Name, "--events", "json"],
            },
            "qemu" when Hypervisors.IsDirectQemu(host.Driver.Uri) && host.Addresses is { } bridged => BridgedNode(spec with { Image = ImageOf(service, host) }, bridged),
            "qemu" when Hypervisors.IsDirectQemu(host.Driver.Uri) => UserModeNode(spec with { Image = ImageOf(service, host) }, host, seed),
            // libvirt's test driver boots nothing, but takes the same bridged network a Xen host's node gets.
            "test" when host.Addresses is { } addresses => BridgedNode(spec, addresses),
            "inproc" or "sim" or "test" => spec,
            _ when host.Addresses is { } addresses => BridgedNode(spec with { Image = ImageOf(service, host) }, addresses),
            _ => spec with { Image = ImageOf(service, host) },
        };
    }

    /// <summary>The domain spec of a warm shell named <paramref name="name"/> on a <c>process://</c> host: the
    /// application's program started with <c>--shell 127.0.0.1:PORT</c>, labelled as the cluster's but as no
    /// service's (after a failover, an untaken shell is a stray). Taking it renames it to the node's spec.</summary>
    public DomainSpec Shell(string name, int port, string clusterName) => new()
    {
        Name = name,
        Service = "shell",
        Image = Program ?? throw new InvalidOperationException("warm shells need the program to launch; none was given"),
        Arguments = ["--shell", $"127.0.0.1:{port}", "--events", "json"],
        MemoryMiB = 64,
        VCpus = 1,
        Environment = Environment,
        Labels = new Dictionary<string, string>
        {
            [DomainLabels.Cluster] = clusterName,
            [DomainLabels.Service] = string.Empty,
            [DomainLabels.Child] = name,
            [DomainLabels.Tenant] = string.Empty,
        },
    };

    private string ImageOf(ServiceSpec service, Host host) =>
        Path.Combine(ImageDirectory ?? throw new InvalidOperationException($"Host {host.Spec.Name} boots images, but no image directory was given."), service.Name);

    /// <summary>A node on a host's bridge: its own address (a NIC with a MAC made from it), configured by the image's
    /// init, bound and advertised by the node on <see cref="BridgedNetwork.NodePort"/>, and kept in a label.</summary>
    private static DomainSpec BridgedNode(DomainSpec spec, NodeAddresses addresses)
    {
        var network = addresses.Network;
        var address = addresses.Lease(spec.Name);
        var environment = new Dictionary<string, string>(spec.Environment)
        {
            ["ACTORS_NET_ADDRESS"] = $"{address}/{network.Prefix}",
            ["ACTORS_NET_GATEWAY"] = network.Gateway.ToString(),
            ["ACTORS_NODE__HOST"] = address.ToString(),
            ["ACTORS_NODE__PORT"] = $"{BridgedNetwork.NodePort}",
        };
        var labels = new Dictionary<string, string>(spec.Labels) { [DomainLabels.Address] = address.ToString() };
        return spec with
        {
            Network = new NetworkSpec(network.Bridge, Mac: BridgedNetwork.MacOf(address)),
            Environment = environment,
            Labels = labels,
        };
    }

    private DomainSpec UserModeNode(DomainSpec spec, Host host, string seed)
    {
        var port = _ports.For(spec.Name);
        var environment = new Dictionary<string, string>(spec.Environment);
        foreach (var (key, value) in ImageNetwork.UserModeNode(port, seed, gossip: null, host.Spec.Address ?? "127.0.0.1"))
        {
            environment[key] = value;
        }

        return spec with { Network = NetworkSpec.User(port), Environment = environment };
    }
}

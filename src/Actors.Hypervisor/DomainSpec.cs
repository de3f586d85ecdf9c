namespace Actors.Hypervisor;

/// <summary>What to run as one domain: a node of a service, its image, resources, command line, read-only
/// disks, network and the labels a supervisor uses to recognise its own domains.</summary>
public sealed record DomainSpec
{
    /// <summary>Domain name, unique on the host: lowercase letters, digits, '-', '_' and '.', at most 64.</summary>
    public required string Name { get; init; }

    /// <summary>The service whose node this domain runs.</summary>
    public required string Service { get; init; }

    /// <summary>What to boot: a program for <c>process://</c>, an image directory for VM drivers; unused in-process.</summary>
    public string? Image { get; init; }

    /// <summary>Memory in MiB.</summary>
    public int MemoryMiB { get; init; } = 256;

    /// <summary>Virtual CPUs.</summary>
    public int VCpus { get; init; } = 1;

    /// <summary>Kernel command line for VM drivers.</summary>
    public string KernelCommandLine { get; init; } = string.Empty;

    /// <summary>Arguments for the program of a <c>process://</c> domain.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Settings for the node (e.g. <c>ACTORS_NODE__SEEDS__0</c>): environment variables of a process,
    /// <c>KEY=VAL</c> words on a VM's kernel command line, configuration of an in-process node.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Disks, attached read-only.</summary>
    public IReadOnlyList<string> ReadOnlyDisks { get; init; } = [];

    /// <summary>The network to attach to, if any.</summary>
    public NetworkSpec? Network { get; init; }

    /// <summary>Labels kept with the domain and returned by list (e.g. which supervisor owns it).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>A network attachment: a bridge on the host, optionally a named tap device and a MAC address; or, for
/// the QEMU driver only, user-mode networking (<see cref="User"/>).</summary>
/// <param name="Bridge">Host bridge name; empty for user-mode networking.</param>
/// <param name="Tap">Tap device to use (created by the caller) or null to let the driver choose.</param>
/// <param name="Mac">MAC address, or null for a generated one.</param>
public sealed record NetworkSpec(string Bridge, string? Tap = null, string? Mac = null)
{
    /// <summary>The guest's address under user-mode networking.</summary>
    public const string UserGuestAddress = "10.0.2.15";

    /// <summary>The address at which a guest under user-mode networking reaches the host's loopback.</summary>
    public const string UserHostAddress = "10.0.2.2";

    /// <summary>TCP ports forwarded from the host's 127.0.0.1 to the same port of a user-mode guest.</summary>
    public IReadOnlyList<int> ForwardedPorts { get; init; } = [];

    /// <summary>Whether this is user-mode networking.</summary>
    public bool IsUserMode => Bridge.Length == 0;

    /// <summary>User-mode networking (QEMU's slirp): the guest is <see cref="UserGuestAddress"/>, reaches the host's
    /// loopback at <see cref="UserHostAddress"/>, and the host reaches the guest's <paramref name="forwardedPorts"/>
    /// on 127.0.0.1. No bridge, tap or root needed; traffic stays on the host's loopback.</summary>
    public static NetworkSpec User(params IReadOnlyList<int> forwardedPorts) => new(string.Empty) { ForwardedPorts = forwardedPorts };
}

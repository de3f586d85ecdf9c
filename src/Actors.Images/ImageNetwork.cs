namespace Actors.Images;

/// <summary>Settings that put a baked image's node on QEMU user-mode networking (<see cref="NetworkSpec.User"/>):
/// the init gives the guest 10.0.2.15 with slirp's gateway (the host's loopback, 10.0.2.2), the node binds there and
/// advertises the port forwarded on the host at <c>publicHost</c>. The guest reaches a seed on the host's loopback
/// at 10.0.2.2 (the seed binds 127.0.0.1 and sets that as its public host), and any other address through slirp's
/// NAT (a seed on a bridge, other hosts' forwarded ports).</summary>
public static class ImageNetwork
{
    /// <summary>The domain's environment for a node listening on <paramref name="guestPort"/> (forwarded on the host)
    /// that joins <paramref name="seed"/>, gossiping every <paramref name="gossip"/> (Akka's default if null), reached
    /// by the others at <paramref name="publicHost"/> (the address the host forwards the port from).</summary>
    public static Dictionary<string, string> UserModeNode(int guestPort, string seed, TimeSpan? gossip, string publicHost = "127.0.0.1")
    {
        var environment = new Dictionary<string, string>
        {
            ["ACTORS_NET_ADDRESS"] = $"{NetworkSpec.UserGuestAddress}/24",
            ["ACTORS_NET_GATEWAY"] = NetworkSpec.UserHostAddress,
            ["ACTORS_NODE__HOST"] = NetworkSpec.UserGuestAddress,
            ["ACTORS_NODE__PUBLICHOST"] = publicHost,
            ["ACTORS_NODE__PORT"] = $"{guestPort}",
            ["ACTORS_NODE__SEEDS__0"] = seed,
        };
        if (gossip is { } g)
        {
            var interval = g.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            environment["ACTORS_NODE__GOSSIPINTERVAL"] = interval;
            environment["ACTORS_NODE__LEADERACTIONSINTERVAL"] = interval;
        }

        return environment;
    }
}

namespace Actors.Images;

/// <summary>Settings that put a baked image's node on QEMU user-mode networking (<see cref="NetworkSpec.User"/>):
/// the init gives the guest 10.0.2.15 with the host's loopback as gateway, the node binds there and advertises the
/// port forwarded on the host's 127.0.0.1, and it joins a seed that advertises itself at 10.0.2.2 (the seed binds
/// 127.0.0.1 and sets that as its public host).</summary>
public static class ImageNetwork
{
    /// <summary>The domain's environment for a node listening on <paramref name="guestPort"/> (forwarded on the host)
    /// that joins <paramref name="seed"/>, gossiping every <paramref name="gossip"/>.</summary>
    public static Dictionary<string, string> UserModeNode(int guestPort, string seed, TimeSpan gossip)
    {
        var interval = gossip.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["ACTORS_NET_ADDRESS"] = $"{NetworkSpec.UserGuestAddress}/24",
            ["ACTORS_NET_GATEWAY"] = NetworkSpec.UserHostAddress,
            ["ACTORS_NODE__HOST"] = NetworkSpec.UserGuestAddress,
            ["ACTORS_NODE__PUBLICHOST"] = "127.0.0.1",
            ["ACTORS_NODE__PORT"] = $"{guestPort}",
            ["ACTORS_NODE__SEEDS__0"] = seed,
            ["ACTORS_NODE__GOSSIPINTERVAL"] = interval,
            ["ACTORS_NODE__LEADERACTIONSINTERVAL"] = interval,
        };
    }
}

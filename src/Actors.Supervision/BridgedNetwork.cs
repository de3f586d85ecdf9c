using System.Net;

namespace Actors.Supervision;

/// <summary>How nodes on a VM host (Xen, QEMU through libvirtd, or <c>qemu://</c>) reach the cluster: each VM gets a NIC on the
/// host's <paramref name="Bridge"/> (e.g. <c>xenbr0</c>) and an address of its own from <paramref name="First"/> ..
/// <paramref name="Last"/>, in a subnet of <paramref name="Prefix"/> bits routed through <paramref name="Gateway"/>.
/// The image's init configures <c>eth0</c> from it; the node binds that address on <see cref="NodePort"/>.</summary>
/// <param name="Bridge">The host's bridge the VMs' interfaces join.</param>
/// <param name="First">The first address handed to nodes.</param>
/// <param name="Last">The last address handed to nodes.</param>
/// <param name="Prefix">The subnet's prefix length, e.g. 24.</param>
/// <param name="Gateway">The subnet's router, outside the range.</param>
public sealed record BridgedNetwork(string Bridge, IPAddress First, IPAddress Last, int Prefix, IPAddress Gateway)
{
    /// <summary>The remoting port of every bridged node: each has an address of its own, so they can share it.</summary>
    public const int NodePort = 4053;

    /// <summary>How many addresses the range holds.</summary>
    public long Count => ToNumber(Last) - ToNumber(First) + 1;

    /// <summary>The <paramref name="index"/>th address of the range, from 0.</summary>
    public IPAddress At(long index) => FromNumber(ToNumber(First) + index);

    /// <summary>Whether <paramref name="address"/> lies in the range.</summary>
    public bool Contains(IPAddress address) => ToNumber(address) >= ToNumber(First) && ToNumber(address) <= ToNumber(Last);

    /// <summary>Whether the two ranges share an address.</summary>
    public bool Overlaps(BridgedNetwork other) => ToNumber(First) <= ToNumber(other.Last) && ToNumber(other.First) <= ToNumber(Last);

    /// <summary>Whether <paramref name="address"/> is in this network's subnet.</summary>
    public bool InSubnet(IPAddress address) => (ToNumber(address) & Mask) == (ToNumber(First) & Mask);

    /// <summary>Whether <paramref name="address"/> is the subnet's network (all host bits 0) or broadcast (all 1) address.</summary>
    public bool IsNetworkOrBroadcast(IPAddress address) => (ToNumber(address) & HostBits) is 0 || (ToNumber(address) & HostBits) == HostBits;

    /// <summary>A MAC address of Xen's prefix (00:16:3e) made from the address's last three bytes: unique among
    /// addresses that share their first byte (as one host's range, at most a /8, does).</summary>
    public static string MacOf(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return $"00:16:3e:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}";
    }

    /// <inheritdoc />
    public override string ToString() => $"{First}-{Last}/{Prefix} on {Bridge} via {Gateway}";

    private long Mask => Prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - Prefix)) & 0xFFFFFFFFL;

    private long HostBits => ~Mask & 0xFFFFFFFFL;

    internal static long ToNumber(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return ((long)b[0] << 24) | ((long)b[1] << 16) | ((long)b[2] << 8) | b[3];
    }

    private static IPAddress FromNumber(long n) => new([(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
}

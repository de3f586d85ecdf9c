using System.Security.Cryptography;
using System.Text;
using Actors;
using Akka.Actor;

namespace PerRequest;

/// <summary>Serves the one request its node was booted for: the SHA-256 of the input.</summary>
public sealed class Worker : OtpActor
{
    public Worker()
    {
        var node = NodeIdentity.For(Context.System).Node ?? "local";
        var address = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<Job>(j => Sender.Tell(new Done(j.Id, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(j.Input)))[..16], node, address)));
    }
}

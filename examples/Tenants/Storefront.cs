using Actors;
using Akka.Actor;

namespace Tenants;

/// <summary>A tenant's store front. Each tenant has a node of its own, so the count of requests served is
/// per tenant and starts again when an idle tenant's node was reaped and a new one booted.</summary>
public sealed class Storefront : OtpActor
{
    public Storefront()
    {
        var node = NodeIdentity.For(Context.System).Node ?? "local";
        var served = 0;
        Receive<PageRequest>(r => Sender.Tell(new Page(r.Tenant, r.Path, node, ++served)));
    }
}

using Actors;
using Akka.Actor;

namespace PerRequest;

/// <summary>Where requests enter the cluster: each goes to the node booted for it (the worker service's node
/// whose tenant is the request), and the answer goes straight back to the caller.</summary>
public sealed class Gateway : OtpActor
{
    public Gateway() =>
        Receive<Job>(j => ServiceRef.To(Context.System, PerRequestServices.Worker, PerRequestServices.Tenant(j.Id)).Forward(j));
}

using Akka.Actor;

namespace Actors.Supervision;

/// <summary>Reads how many messages wait in each node proxy's mailbox, walking the supervisor's actor tree on the
/// control node (<c>/user/supervisor/root/SERVICE/CHILD</c>) without sending it anything, so a scrape never queues
/// behind the backlog it measures. A proxy's node is read from its settings: on-demand proxies are named
/// <c>node-N</c> by their supervisor, not after their domain.</summary>
internal static class ProxyMailboxes
{
    public static IEnumerable<(string Node, int Depth)> Read(ActorSystem system)
    {
        if (system is not ExtendedActorSystem { Guardian: ActorRefWithCell guardian }
            || guardian.GetSingleChild(ClusterSupervisor.ServiceName) is not ActorRefWithCell host
            || host.GetSingleChild("root") is not ActorRefWithCell root)
        {
            yield break;
        }

        foreach (var service in root.Children.OfType<ActorRefWithCell>())
        {
            foreach (var proxy in service.Children.OfType<ActorRefWithCell>())
            {
                if (proxy.Underlying.Props.Arguments?.OfType<NodeProxySettings>().FirstOrDefault() is { } settings)
                {
                    yield return (settings.Child, proxy.Underlying.NumberOfMessages);
                }
            }
        }
    }
}

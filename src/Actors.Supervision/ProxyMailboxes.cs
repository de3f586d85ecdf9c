using Akka.Actor;

namespace Actors.Supervision;

/// <summary>Reads how many messages wait in each node proxy's mailbox, walking the control node's actor tree without
/// sending anything, so a scrape never queues behind the backlog it measures. A proxy is known by its settings, not
/// its path: the tree sits under the singleton on a deployment and at the top in tests, and on-demand proxies are
/// named <c>node-N</c> by their supervisor, not after their domain.</summary>
internal static class ProxyMailboxes
{
    // The tree is root, per-service supervisors, proxies, under at most a few levels of singleton plumbing.
    private const int MaxDepth = 12;

    public static IEnumerable<(string Node, int Depth)> Read(ActorSystem system) =>
        system is ExtendedActorSystem { Guardian: ActorRefWithCell guardian } ? Walk(guardian, 0) : [];

    private static IEnumerable<(string Node, int Depth)> Walk(ActorRefWithCell actor, int depth)
    {
        if (actor.Underlying.Props.Arguments?.OfType<NodeProxySettings>().FirstOrDefault() is { } settings)
        {
            yield return (settings.Child, actor.Underlying.NumberOfMessages);
            yield break;
        }

        if (depth == MaxDepth)
        {
            yield break;
        }

        foreach (var child in actor.Children.OfType<ActorRefWithCell>())
        {
            foreach (var found in Walk(child, depth + 1))
            {
                yield return found;
            }
        }
    }
}

using Akka.Actor;
using Akka.Cluster;

namespace Actors.Node;

/// <summary>Completes a task once this node sees a given number of members Up (cluster convergence as far as
/// a local cluster's readiness needs it), then stops itself.</summary>
internal sealed class MembersUpWatcher : ReceiveActor
{
    private readonly HashSet<Address> _up = [];

    public MembersUpWatcher(int count, TaskCompletionSource done)
    {
        Receive<ClusterEvent.MemberUp>(e =>
        {
            _up.Add(e.Member.Address);
            if (_up.Count >= count)
            {
                done.TrySetResult();
                Context.Stop(Self);
            }
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}

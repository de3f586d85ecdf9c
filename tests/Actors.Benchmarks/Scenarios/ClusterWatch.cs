using Akka.Actor;
using Akka.Cluster;

namespace Actors.Benchmarks;

/// <summary>Awaits one cluster event seen by a member, e.g. a new member Up or a killed one unreachable.</summary>
internal static class ClusterWatch
{
    /// <summary>Completes with the first <typeparamref name="T"/> that <paramref name="match"/> accepts, from now on
    /// (events of the current state count too, so a member already Up is found).</summary>
    public static Task<T> WhenAsync<T>(ActorSystem system, Func<T, bool> match)
        where T : ClusterEvent.IClusterDomainEvent
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new Watcher<T>(match, done)));
        return done.Task;
    }

    private sealed class Watcher<T> : ReceiveActor
        where T : ClusterEvent.IClusterDomainEvent
    {
        public Watcher(Func<T, bool> match, TaskCompletionSource<T> done)
        {
            Receive<T>(e =>
            {
                if (match(e))
                {
                    done.TrySetResult(e);
                    Context.Stop(Self);
                }
            });
            ReceiveAny(_ => { });
        }

        protected override void PreStart() =>
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(T));

        protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
    }
}

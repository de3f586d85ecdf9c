using Akka.Actor;
using Akka.Cluster;

namespace Actors;

/// <summary>Sends a service's messages round-robin to the entry child of the service's reachable Up nodes,
/// keeping the original sender so replies go straight back. While the service has no node, messages wait
/// (up to <see cref="MaxBuffered"/>, then the sender gets a <see cref="ServiceUnavailableException"/>) and are
/// delivered in order when one comes up. For an on-demand service the wait also asks the supervisor for a node,
/// again every second while messages wait, so a summons lost while the supervisor moves is sent again. A message
/// too large for one remoting frame is refused to its sender with a <see cref="MessageTooLargeException"/> instead
/// of being dropped by Akka.Remote.</summary>
internal sealed class ServiceProxy : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan ResummonEvery = TimeSpan.FromSeconds(1);

    public const int MaxBuffered = 10_000;

    /// <summary>Room kept in a frame for the remoting envelope around the serialized message: the recipient's and
    /// the sender's paths, the serializer's id and manifest, sequence and ack numbers (a few hundred bytes).</summary>
    public const int EnvelopeHeadroom = 1024;

    private readonly ServiceSpec _service;
    private readonly string? _tenant;
    private readonly string _role;
    private readonly string[] _entry;
    private ActorSelection? _summoner;
    private readonly List<Member> _supervisors = [];
    private readonly List<(Address Address, ActorSelection Entry)> _nodes = [];
    private readonly Queue<(object Message, IActorRef Sender)> _buffer = new();
    private int _next;
    private readonly Address _self;
    private readonly long? _maximumFrame;

    public ServiceProxy(ServiceSpec service, string? tenant)
    {
        _self = Cluster.Get(Context.System).SelfAddress;
        // Akka.Remote drops a message whose frame exceeds this, logging on the sending node only.
        var frame = Context.System.Settings.Config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size", null);
        _maximumFrame = frame > 0 ? frame : null;
        _service = service;
        _tenant = tenant;
        _role = tenant is null ? service.Name : Summon.TenantRole(service.Name, tenant);
        _entry = service.IngressPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Receive<ClusterEvent.MemberUp>(e => Add(e.Member));
        Receive<ClusterEvent.ReachableMember>(e => Add(e.Member));
        // A member that is downed, leaving or gone gets nothing new: a supervisor downs a node the moment its
        // driver reports it dead, so traffic moves off it before the failure detector would notice.
        Receive<ClusterEvent.MemberDowned>(e => Remove(e.Member));
        Receive<ClusterEvent.MemberLeft>(e => Remove(e.Member));
        Receive<ClusterEvent.MemberExited>(e => Remove(e.Member));
        Receive<ClusterEvent.MemberRemoved>(e => Remove(e.Member));
        Receive<ClusterEvent.UnreachableMember>(e => Remove(e.Member));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<Resummon>(_ =>
        {
            if (_buffer.Count == 0)
            {
                Timers.Cancel(Resummon.Instance);
                return;
            }

            SummonIfOnDemand();
        });
        ReceiveAny(Deliver);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void Deliver(object message)
    {
        if (_nodes.Count > 0)
        {
            Send(_nodes[_next++ % _nodes.Count], message, Sender);
        }
        else if (_buffer.Count < MaxBuffered)
        {
            _buffer.Enqueue((message, Sender));
            if (_buffer.Count == 1)
            {
                SummonIfOnDemand();
            }
        }
        else
        {
            Sender.Tell(new Status.Failure(new ServiceUnavailableException(
                $"Service '{_service.Name}' has no node up and {MaxBuffered} messages are already waiting for one; {message.GetType().Name} was refused.")));
        }
    }

    private void SummonIfOnDemand()
    {
        if (_service.Scaling is FixedScaling)
        {
            return;
        }

        _summoner?.Tell(new Summon(_service.Name, _tenant));
        if (!Timers.IsTimerActive(Resummon.Instance))
        {
            Timers.StartPeriodicTimer(Resummon.Instance, Resummon.Instance, ResummonEvery);
        }
    }

    private void Add(Member member)
    {
        if (member.Status == MemberStatus.Up && member.HasRole(Summon.SupervisorRole) && !_supervisors.Contains(member))
        {
            _supervisors.Add(member);
            ChooseSummoner();
        }

        if (member.Status != MemberStatus.Up || !member.HasRole(_role) || _nodes.Exists(n => n.Address == member.Address))
        {
            return;
        }

        var path = _entry.Aggregate((ActorPath)new RootActorPath(member.Address), (p, e) => p / e);
        _nodes.Add((member.Address, Context.ActorSelection(path)));
        while (_buffer.TryDequeue(out var waiting))
        {
            Send(_nodes[_next++ % _nodes.Count], waiting.Message, waiting.Sender);
        }
    }

    private void Send((Address Address, ActorSelection Entry) node, object message, IActorRef sender)
    {
        if (node.Address != _self && Oversized(message) is { } refusal)
        {
            sender.Tell(new Status.Failure(refusal));
            return;
        }

        node.Entry.Tell(message, sender);
    }

    /// <summary>Measures the message the way remoting will serialize it (one extra serialization per remote message).</summary>
    private MessageTooLargeException? Oversized(object message)
    {
        if (_maximumFrame is not { } frame)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Context.System.Serialization.FindSerializerFor(message).ToBinary(message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only measuring here: remoting reports a message it cannot serialize as it always did.
            return null;
        }

        var limit = frame - EnvelopeHeadroom;
        return bytes.Length <= limit ? null : new MessageTooLargeException(
            $"{message.GetType().Name} for service '{_service.Name}' is {bytes.Length} bytes serialized, over the " +
            $"{limit} bytes a message may have (the maximum frame size of {frame} bytes less {EnvelopeHeadroom} for the " +
            "envelope); it was not sent. Send large data in parts, or a reference to where it is stored.",
            bytes.Length, limit);
    }

    private void Remove(Member member)
    {
        _nodes.RemoveAll(n => n.Address == member.Address);
        if (_supervisors.RemoveAll(m => m.Address == member.Address) > 0)
        {
            ChooseSummoner();
        }
    }

    // The supervisor singleton runs on the oldest control node.
    private void ChooseSummoner()
    {
        var oldest = _supervisors.Aggregate((Member?)null, (o, m) => o is null || m.IsOlderThan(o) ? m : o);
        _summoner = oldest is null ? null : Context.ActorSelection(Summon.SummonerPath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Aggregate((ActorPath)new RootActorPath(oldest.Address), (p, e) => p / e));
        if (_summoner is not null && _buffer.Count > 0)
        {
            SummonIfOnDemand();
        }
    }

    private sealed record Resummon
    {
        public static Resummon Instance { get; } = new();
    }
}

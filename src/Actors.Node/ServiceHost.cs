using Akka;
using Akka.Actor;

namespace Actors.Node;

/// <summary>The parent of a service's root supervisor (at <c>/user/{service}</c>). It stops the root the OTP
/// way, with a shutdown exit signal from its parent, and takes the node down if the root gives up, as a
/// permanent application's top supervisor does in Erlang. A hosted node's host (<see cref="HostedNode"/>) shares
/// its ActorSystem with other nodes, so when its root gives up it stops only itself.</summary>
internal sealed class ServiceHost : ReceiveActor
{
    /// <summary>How often a tenant's node looks again at messages held from senders it does not know yet.</summary>
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromMilliseconds(200);

    private readonly IActorRef _root;
    private readonly ActorSelection _entry;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _idleTtl;
    private readonly bool _hosted;
    private readonly TenantGuard? _guard;
    private DateTimeOffset _lastActivity;
    private ITimer? _idleCheck;
    private ITimer? _recheck;
    private ExitReason? _rootExit;
    private bool _stopRequested;

    public ServiceHost(ServiceSpec service, TimeSpan? idleTtl, bool hosted = false)
    {
        _hosted = hosted;
        _root = Context.ActorOf(OtpSupervisor.Props(service.Root), "root");
        _entry = Context.ActorSelection($"root/{service.Entry}");
        _time = NodeIdentity.For(Context.System).Time;
        _idleTtl = idleTtl;
        _lastActivity = _time.GetUtcNow();
        // A hosted node shares its ActorSystem, and so its cluster roles, with the host: only a node of its own
        // knows its tenant.
        _guard = hosted ? null : TenantGuard.For(Context.System);
        Context.Watch(_root);

        // The root stashes commands until its initial children have started: the answer means ready.
        Receive<AwaitReady>(_ => _root.Forward(SupervisorCommands.CountChildren.Instance));
        Receive<StopService>(_ =>
        {
            _stopRequested = true;
            _root.Tell(new ExitSignal(Self, ExitReason.Shutdown));
        });
        Receive<OtpProtocol.ExitNotice>(n => _rootExit = n.Reason);
        Receive<Terminated>(t => t.ActorRef.Equals(_root), _ => OnRootExit());
        Receive<IdleCheck>(_ => OnIdleCheck());
        Receive<Joined>(_ => _lastActivity = _time.GetUtcNow());
        Receive<RecheckTenants>(_ => RecheckHeld());
        ReceiveAny(message =>
        {
            if (_guard is null || Admit(message))
            {
                Deliver(message, Sender);
            }
        });
    }

    protected override void PreStart()
    {
        if (_idleTtl is { } ttl)
        {
            var self = Self;
            var every = ttl / 4;
            _idleCheck = _time.CreateTimer(_ => self.Tell(IdleCheck.Instance), null, every, every);
        }
    }

    protected override void PostStop()
    {
        _idleCheck?.Dispose();
        _recheck?.Dispose();
    }

    private void Deliver(object message, IActorRef sender)
    {
        // Only nodes that can be reaped pay for reading the clock on every message.
        if (_idleTtl is not null)
        {
            _lastActivity = _time.GetUtcNow();
        }

        _entry.Tell(message, sender);
    }

    /// <summary>On a tenant's node: true if the message may go to the service; else it is refused, or held while
    /// its sender is not yet known as a member.</summary>
    private bool Admit(object message)
    {
        // Messages held earlier go first, so that one sender's messages keep their order.
        if (_guard!.Holding)
        {
            RecheckHeld();
        }

        var verdict = _guard.Check(Sender);
        if (verdict is null)
        {
            return true;
        }

        if (verdict == TenantGuard.Unknown)
        {
            if (_guard.Hold(message, Sender, _time.GetUtcNow()))
            {
                ScheduleRecheck();
                return false;
            }

            verdict = $"{Sender.Path.Address} is not a member of the cluster and {TenantGuard.MaxHeld} messages already wait";
        }

        Refuse(message, Sender, verdict);
        return false;
    }

    private void RecheckHeld()
    {
        _recheck?.Dispose();
        _recheck = null;
        foreach (var (message, sender, refusal) in _guard!.Recheck(_time.GetUtcNow()))
        {
            if (refusal is null)
            {
                Deliver(message, sender);
            }
            else
            {
                Refuse(message, sender, refusal);
            }
        }

        if (_guard.Holding)
        {
            ScheduleRecheck();
        }
    }

    private void ScheduleRecheck()
    {
        var self = Self;
        _recheck ??= _time.CreateTimer(_ => self.Tell(RecheckTenants.Instance), null, RecheckEvery, Timeout.InfiniteTimeSpan);
    }

    private void Refuse(object message, IActorRef sender, string reason) =>
        Context.Emit("tenant.refused", ("tenant", _guard!.Tenant), ("sender", sender.Path), ("message", message.GetType().Name), ("reason", reason));

    private void OnIdleCheck()
    {
        var idle = _time.GetUtcNow() - _lastActivity;
        if (!_stopRequested && idle >= _idleTtl)
        {
            // Reaped: the node stops itself cleanly, so its supervisor sees a normal exit and does not restart it.
            _idleCheck?.Dispose();
            Context.Emit("node.idle", ("idle_ms", (long)idle.TotalMilliseconds));
            CoordinatedShutdown.Get(Context.System).Run(Idle.Instance);
        }
    }

    private void OnRootExit()
    {
        var reason = _rootExit ?? ExitReason.Killed;
        // A requested stop ends here: the asker waits for this actor's end (ServiceHost.StopAsync).
        if (!_stopRequested)
        {
            Context.Emit("service.down", ("reason", reason));
            if (_hosted)
            {
                Context.Stop(Self);
                return;
            }

            CoordinatedShutdown.Get(Context.System).Run(new RootExited(reason));
        }

        Context.Stop(Self);
    }

    public sealed record AwaitReady
    {
        public static AwaitReady Instance { get; } = new();
    }

    private sealed record IdleCheck
    {
        public static IdleCheck Instance { get; } = new();
    }

    private sealed record RecheckTenants
    {
        public static RecheckTenants Instance { get; } = new();
    }

    /// <summary>Why the node shut down: nothing came for its service for the idle TTL.</summary>
    public sealed class Idle : CoordinatedShutdown.Reason
    {
        public static Idle Instance { get; } = new();

        public override int ExitCode => 0;

        public override string ToString() => "idle";
    }

    /// <summary>Stops the service the OTP way and completes when its host is gone (at once if it already is);
    /// false if <paramref name="limit"/> passed first.</summary>
    public static async Task<bool> StopAsync(IActorRef host, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        var ended = host.WatchAsync(cancel.Token);
        host.Tell(StopService.Instance);
        try
        {
            return await ended;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The node is a member Up: its idle time starts now.</summary>
    public sealed record Joined
    {
        public static Joined Instance { get; } = new();
    }

    public sealed record StopService
    {
        public static StopService Instance { get; } = new();
    }

    /// <summary>Why the node shut down: its service's root supervisor exited.</summary>
    public sealed class RootExited(ExitReason reason) : CoordinatedShutdown.Reason
    {
        public ExitReason Exit { get; } = reason;

        public override int ExitCode => 3;

        public override string ToString() => $"root supervisor exited: {Exit}";
    }
}

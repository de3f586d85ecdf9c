using System.Diagnostics;
using Actors.Hypervisor;
using Akka.Actor;
using Akka.Cluster;

namespace Actors.Supervision;

/// <summary>A node as a child of an OTP supervisor: while this actor lives, its domain runs. It places and
/// boots the domain, and exits when the domain dies, learning of the death from the driver's lifecycle event
/// at once, or from Akka.Cluster (unreachable) as a backstop; whichever comes first ends it, so one death
/// makes one restart. A shutdown signal from its supervisor shuts the domain down, then destroys it after the
/// timeout. The VM-level tree is thus the same <see cref="OtpSupervisor"/> that supervises actors.</summary>
public sealed partial class NodeProxy : OtpActor, IWithTimers
{
    private readonly NodeProxySettings _settings;
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private Host? _host;
    private IDisposable? _watch;
    private Address? _member;
    private bool _stopRequested;
    private bool _started;

    /// <summary>Creates the proxy; use <see cref="Props"/>.</summary>
    public NodeProxy(NodeProxySettings settings)
    {
        _settings = settings;
        TrapExit = true;
        Receive<Booted>(b =>
        {
            Context.Emit(b.Adopted ? "node.adopt" : "node.boot", ("domain", Name), ("service", _settings.Service.Name), ("tenant", _settings.Tenant),
                ("host", _host!.Spec.Name), ("ms", _since.ElapsedMilliseconds), ("warm", b.Warm));
            if (_member is null && NodeLaunch.Joins(_host))
            {
                Timers.StartSingleTimer(JoinTimedOut.Instance, JoinTimedOut.Instance, _settings.JoinTimeout);
            }
        });
        Receive<JoinTimedOut>(_ => _member is null, _ =>
        {
            // A boot that hangs (a guest stuck before its node starts) would otherwise hold the child for ever.
            Context.Emit("node.down", ("domain", Name), ("reason", "join_timeout"), ("source", "supervisor"), ("after_ms", (long)_settings.JoinTimeout.TotalMilliseconds));
            Exit(ExitReason.Error($"domain {Name} booted but its node did not join the cluster within {_settings.JoinTimeout}"));
        });
        Receive<JoinTimedOut>(_ => { });
        Receive<Status.Failure>(f => _host!.CheckAsync().PipeTo(Self,
            success: lost => new BootFailed(f.Cause.Message, lost), failure: _ => new BootFailed(f.Cause.Message, false)));
        Receive<BootFailed>(f => Exit(f.HostLost
            ? ExitReason.NoConnectionWith($"domain {Name} failed to boot: host {_host!.Spec.Name} lost ({_host.LostBecause})")
            : ExitReason.Error($"domain {Name} failed to boot: {f.Error}")));
        Receive<DomainEvent>(OnDomainEvent);
        Receive<Died>(OnDied);
        Receive<ClusterEvent.MemberUp>(e => e.Member.HasRole(DomainLabels.Role(Name)), e => OnMemberUp(e.Member));
        Receive<ClusterEvent.UnreachableMember>(e => e.Member.Address.Equals(_member), _ => OnUnreachable());
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
        Receive<ExitSignal>(OnExitSignal);
        Receive<Stopped>(s => Exit(s.Reason));
    }

    private string Name => _settings.Child;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for a proxy.</summary>
    public static Props Props(NodeProxySettings settings) => Akka.Actor.Props.Create(() => new NodeProxy(settings));

    /// <inheritdoc />
    protected override void PreStart()
    {
        var service = _settings.Service;
        var adopted = _settings.Placement.ClaimAdopted(Name);
        _host = adopted ?? _settings.Placement.Reserve(service.Resources.MemoryMiB, service.Resources.VCpus);
        if (_host is null)
        {
            Exit(ExitReason.Error($"no host has room for {service.Resources.MemoryMiB} MiB and {service.Resources.VCpus} vCPU for {Name}"));
            return;
        }

        var self = Self;
        _started = adopted is not null; // An adopted domain runs already: its next stop is its death.
        _watch = _host.Watch(Name, e => self.Tell(e));
        var cluster = Cluster.Get(Context.System);
        Membership.For(Context.System).Tell(new Membership.Watch(DomainLabels.Role(Name), Self));
        DomainSpec spec;
        try
        {
            spec = _settings.Launch.Create(_settings, _host, cluster.SelfAddress.System, cluster.SelfAddress.ToString());
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // No address left on the host, no program or image directory: an exit (OnExit gives the reservation and
            // the watches back), not a failed actor creation, which would skip OnExit and log a stack trace.
            Exit(ExitReason.Error($"cannot launch {Name} on host {_host.Spec.Name}: {e.Message}"));
            return;
        }

        var host = _host;
        var boot = adopted is null
            ? BootFreshAsync(host, spec).ContinueWith(t => t.GetAwaiter().GetResult() ? Booted.WarmBoot : Booted.Boot, TaskScheduler.Default)
            : AttachAsync(host.Driver, spec).ContinueWith(t => t.GetAwaiter().GetResult() ? Booted.Adopt : Booted.Boot, TaskScheduler.Default);
        boot.PipeTo(Self, failure: e => new Status.Failure(e));

        // After the driver has the boot request in hand: a simulated world driven step by step may advance
        // its clock once every node it waits for has reported this.
        Context.Emit("node.placed", ("domain", Name), ("service", service.Name), ("host", _host.Spec.Name));
    }

    /// <inheritdoc />
    protected override void OnExit(ExitReason reason)
    {
        _watch?.Dispose();
        Membership.For(Context.System).Tell(new Membership.Unwatch(DomainLabels.Role(Name), Self));
        if (_host is null)
        {
            return;
        }

        _settings.Placement.Release(_host, _settings.Service.Resources.MemoryMiB, _settings.Service.Resources.VCpus);
        _host.Addresses?.Release(Name);
        if (!_stopRequested)
        {
            // Stopped the Akka way (no shutdown signal): do not leave the domain running unsupervised.
            _ = DestroyQuietlyAsync(_host.Driver, Name);
        }
    }

    /// <summary>The domain runs: booted by this proxy, or adopted from an earlier supervisor.</summary>
    private sealed record Booted(bool Adopted, bool Warm)
    {
        public static Booted Boot { get; } = new(false, false);

        public static Booted WarmBoot { get; } = new(false, true);

        public static Booted Adopt { get; } = new(true, false);
    }

    private sealed record Stopped(ExitReason Reason);

    private sealed record JoinTimedOut
    {
        public static JoinTimedOut Instance { get; } = new();
    }

    private sealed record Died(DomainEvent Event, bool HostLost);

    private sealed record BootFailed(string Error, bool HostLost);
}

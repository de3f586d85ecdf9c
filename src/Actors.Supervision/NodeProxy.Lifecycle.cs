using Actors.Hypervisor;
using Akka.Actor;
using Akka.Cluster;

namespace Actors.Supervision;

public sealed partial class NodeProxy
{
    private void OnDomainEvent(DomainEvent e)
    {
        if (e.Kind == DomainEventKind.Started)
        {
            _started = true;
            return;
        }

        if (e.Kind != DomainEventKind.Stopped || _stopRequested)
        {
            return;
        }

        if (!_started && !_host!.Lost)
        {
            // Events come in order per domain, so a stop before this proxy's domain started belongs to an earlier
            // incarnation of the child (or to the boot clearing one away): taking it for this one's death would
            // restart a healthy node, whose own boot would clear the next one, for ever.
            return;
        }

        // The driver saw the domain die: that is the node's death, now, without waiting for the cluster's
        // failure detector. Down its member at once so the cluster does not wait either.
        DownMember();
        _stopRequested = true;
        if (e.Reason == StopReason.Shutdown)
        {
            Context.Emit("node.down", ("domain", Name), ("reason", e.Reason), ("detail", e.Detail), ("source", "driver"));
            Exit(ExitReason.Normal);
            return;
        }

        // An unasked-for death may be the host's: ask its agent before exiting, so that by the time the
        // supervisor restarts this node, placement already skips a lost host.
        _host!.CheckAsync().PipeTo(Self, success: lost => new Died(e, lost), failure: _ => new Died(e, false));
    }

    private void OnDied(Died died)
    {
        var (e, lost) = (died.Event, died.HostLost);
        Context.Emit("node.down", ("domain", Name), ("reason", e.Reason), ("detail", e.Detail), ("source", "driver"),
            ("host", _host!.Spec.Name), ("host_lost", lost));
        Exit(lost
            ? ExitReason.NoConnectionWith($"domain {Name} lost with host {_host.Spec.Name} ({_host.LostBecause})")
            : ExitReason.Error($"domain {Name} {e.Reason?.ToString().ToLowerInvariant()} ({e.Detail})"));
    }

    private void OnMemberUp(Member member)
    {
        _member = member.Address;
        Context.Emit("node.ready", ("domain", Name), ("service", _settings.Service.Name), ("tenant", _settings.Tenant),
            ("host", _host?.Spec.Name), ("address", member.Address), ("ms", _since.ElapsedMilliseconds));
    }

    private void OnUnreachable()
    {
        // The backstop: the driver said nothing (a hung guest, a lost host agent), the cluster did.
        Context.Emit("node.down", ("domain", Name), ("reason", "unreachable"), ("source", "cluster"));
        DownMember();
        Exit(ExitReason.Error($"node of domain {Name} became unreachable"));
    }

    private void OnExitSignal(ExitSignal signal)
    {
        if (!signal.From.Equals(Context.Parent))
        {
            return;
        }

        _stopRequested = true;
        var driver = _host?.Driver;
        if (driver is null)
        {
            Exit(signal.Reason);
            return;
        }

        ShutdownAsync(driver, Name, _settings.ShutdownTimeout)
            .PipeTo(Self, success: () => new Stopped(signal.Reason), failure: _ => new Stopped(signal.Reason));
    }

    private void DownMember()
    {
        if (_member is { } address)
        {
            Cluster.Get(Context.System).Down(address);
        }
    }

    private static async Task ShutdownAsync(IHypervisor driver, string name, TimeSpan timeout)
    {
        try
        {
            await driver.ShutdownAsync(name, timeout);
        }
        catch (DomainStateException)
        {
            // Already off.
        }

        await driver.UndefineAsync(name);
    }
}

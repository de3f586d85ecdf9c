using Actors.Hypervisor;

namespace Actors.Supervision;

/// <summary>Host loss. A host is lost when its driver no longer answers (the connection failed, the simulated
/// host is gone) or when someone who knows says so (<see cref="MarkLost"/>). Then every domain watched on it
/// gets a <c>Stopped (Crashed, "host lost")</c> event, so each node's proxy exits abnormally and its supervisor
/// restarts it, and placement skips the host from then on.</summary>
public sealed partial class Host
{
    private readonly Lock _loss = new();
    private Task<bool>? _probe;
    private volatile string? _lostBecause;
    private ITimer? _heartbeat;

    /// <summary>How long the driver may take to list its domains before the host is taken for lost.</summary>
    public static TimeSpan ProbeTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>True once the host is known to be gone.</summary>
    public bool Lost => _lostBecause is not null;

    /// <summary>Why the host was taken for lost, once it is.</summary>
    public string? LostBecause => _lostBecause;

    /// <summary>Asks the driver whether the host is still there (one probe at a time, shared by all who ask);
    /// true if it is lost, in which case <see cref="MarkLost"/> has run.</summary>
    public Task<bool> CheckAsync()
    {
        lock (_loss)
        {
            if (Lost)
            {
                return Task.FromResult(true);
            }

            if (_probe is null || _probe.IsCompleted)
            {
                _probe = ProbeAsync();
            }

            return _probe;
        }
    }

    /// <summary>Probes the driver every <paramref name="every"/> on the host's clock, so that the host is found lost
    /// even when no node on it dies to say so (a host with no nodes, a driver that stops answering). Stops once
    /// the host is lost or disposed. On a simulated world that advances by itself, each probe would schedule the
    /// next at once: use it where virtual time is advanced step by step.</summary>
    public void StartHeartbeat(TimeSpan every)
    {
        lock (_loss)
        {
            _heartbeat?.Dispose();
            _heartbeat = _time.CreateTimer(_ => _ = CheckAsync(), null, every, every);
        }
    }

    /// <summary>Takes the host for lost: placement skips it, and every watched domain is told it crashed. The
    /// agent also tries to destroy the nodes' domains if they still run there (and nothing else on the host), so
    /// that a host that was only cut off does not keep duplicates of the nodes restarted elsewhere.</summary>
    public void MarkLost(string because)
    {
        lock (_loss)
        {
            if (Lost)
            {
                return;
            }

            _lostBecause = because;
            _heartbeat?.Dispose();
        }

        var now = _time.GetUtcNow();
        var watched = _watchers.ToArray();
        foreach (var (domain, watcher) in watched)
        {
            watcher(new DomainEvent(domain, DomainEventKind.Stopped, now, StopReason.Crashed, $"host {Spec.Name} lost: {because}"));
        }

        _ = FenceAsync([.. watched.Select(w => w.Key)]);
    }

    private void StopHeartbeat()
    {
        lock (_loss)
        {
            _heartbeat?.Dispose();
            _heartbeat = null;
        }
    }

    private async Task<bool> ProbeAsync()
    {
        try
        {
            await Driver.ListAsync().WaitAsync(ProbeTimeout, _time);
            return false;
        }
        catch (Exception e) when (e is HypervisorException or ObjectDisposedException or TimeoutException)
        {
            MarkLost(e is TimeoutException ? $"its driver did not answer within {ProbeTimeout.TotalSeconds:0} s" : e.Message);
            return true;
        }
    }

    /// <summary>Destroys <paramref name="domains"/> (the supervisor's, never anything else on the host) if they still run.</summary>
    private async Task FenceAsync(IReadOnlyList<string> domains)
    {
        foreach (var domain in domains)
        {
            try
            {
                await Driver.DestroyAsync(domain);
            }
            catch (Exception e) when (e is HypervisorException or ObjectDisposedException)
            {
                // Not running, or the host is unreachable, as lost hosts are: nothing more can be done from here.
            }
        }
    }
}

namespace Actors.Hypervisor;

/// <summary>A simulated data centre: hosts (<c>sim://NAME</c>) with capacity, a virtual clock, latencies drawn
/// from <see cref="SimOptions"/>, and fault injection (host loss, domain crash). Events run one at a time in
/// virtual-time order, so a world carries thousands of hosts and a hundred thousand domains in one process.</summary>
public sealed class SimWorld
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<Action, (DateTimeOffset At, long Seq)> _queue = new();
    private readonly Dictionary<string, SimHypervisor> _hosts = new(StringComparer.Ordinal);
    private readonly Random _random;
    private DateTimeOffset _now = DateTimeOffset.UnixEpoch;
    private long _seq;
    private bool _running;

    /// <summary>Creates a world.</summary>
    public SimWorld(SimOptions? options = null)
    {
        Options = options ?? new SimOptions();
        _random = new Random(Options.Seed);
        Clock = new VirtualClock(this);
    }

    /// <summary>The world's settings.</summary>
    public SimOptions Options { get; }

    /// <summary>The world's virtual time as a <see cref="TimeProvider"/> (timers fire in virtual time).</summary>
    public TimeProvider Clock { get; }

    /// <summary>Virtual now.</summary>
    public DateTimeOffset Now
    {
        get
        {
            lock (_lock)
            {
                return _now;
            }
        }
    }

    /// <summary>How many events have run.</summary>
    public long EventsRun { get; private set; }

    /// <summary>The hosts attached so far.</summary>
    public IReadOnlyCollection<string> Hosts
    {
        get
        {
            lock (_lock)
            {
                return [.. _hosts.Keys];
            }
        }
    }

    /// <summary>Runs every event due within <paramref name="delta"/> of now, in order, then sets now to the end.</summary>
    public void Advance(TimeSpan delta)
    {
        DateTimeOffset until;
        lock (_lock)
        {
            until = _now + delta;
        }

        RunUntil(until);
        lock (_lock)
        {
            _now = until > _now ? until : _now;
        }
    }

    /// <summary>Loses a host: its running domains crash at once, and the host answers nothing from then on.</summary>
    public void LoseHost(string host) => Schedule(TimeSpan.Zero, () => HostNamed(host).Lose());

    /// <summary>Makes one running domain crash.</summary>
    public void CrashDomain(string host, string domain) => Schedule(TimeSpan.Zero, () => HostNamed(host).Crash(domain));

    internal SimHypervisor Attach(Uri uri, string name, HostCapacity capacity)
    {
        lock (_lock)
        {
            if (_hosts.ContainsKey(name))
            {
                throw new HypervisorUriException(uri.OriginalString, $"names host '{name}', which this simulated world already has");
            }

            var host = new SimHypervisor(this, uri, name, capacity);
            _hosts[name] = host;
            return host;
        }
    }

    internal void Detach(string name)
    {
        lock (_lock)
        {
            _hosts.Remove(name);
        }
    }

    internal TimeSpan Draw(Latency latency)
    {
        lock (_lock)
        {
            return latency.Draw(_random);
        }
    }

    /// <summary>Runs <paramref name="action"/> at now + <paramref name="delay"/> in virtual time.</summary>
    internal void Schedule(TimeSpan delay, Action action)
    {
        lock (_lock)
        {
            _queue.Enqueue(action, (_now + delay, _seq++));
            if (!Options.AutoAdvance || _running)
            {
                return;
            }

            _running = true;
        }

        Pump(DateTimeOffset.MaxValue);
    }

    private void RunUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (_running)
            {
                throw new InvalidOperationException("The simulated world is already running events.");
            }

            _running = true;
        }

        Pump(until);
    }

    private void Pump(DateTimeOffset until)
    {
        while (true)
        {
            Action next;
            lock (_lock)
            {
                if (!_queue.TryPeek(out _, out var key) || key.At > until)
                {
                    _running = false;
                    return;
                }

                next = _queue.Dequeue();
                _now = key.At > _now ? key.At : _now;
                EventsRun++;
            }

            next();
        }
    }

    private SimHypervisor HostNamed(string host)
    {
        lock (_lock)
        {
            return _hosts.TryGetValue(host, out var h) ? h : throw new ArgumentException($"No simulated host named '{host}'.", nameof(host));
        }
    }
}

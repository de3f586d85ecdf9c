using Actors.Hypervisor;

namespace Actors.Supervision;

/// <summary>What a <see cref="HostLossDrill"/> follows while it runs: the supervisor's table, which nodes have been
/// placed and booted where, the restarts, and the virtual time the last domain started.</summary>
internal sealed class DrillRun(SimWorld world)
{
    private volatile DomainWaiter _placed = new([], _ => true);
    private volatile DomainWaiter _booted = new([], _ => true);
    private int _restarts;
    private long _lastStartedTicks;

    public NodeTable Table { get; } = new(world.Clock);

    public Task Placed => _placed.Done;

    public Task Booted => _booted.Done;

    public int Restarts => Volatile.Read(ref _restarts);

    public DateTimeOffset LastStarted => new(Interlocked.Read(ref _lastStartedTicks), TimeSpan.Zero);

    /// <summary>From now on, waits for <paramref name="domains"/> to be placed and booted on hosts <paramref name="accept"/> takes.</summary>
    public void Expect(IEnumerable<string> domains, Func<string, bool> accept)
    {
        var list = domains.ToList();
        _placed = new DomainWaiter(list, accept);
        _booted = new DomainWaiter(list, accept);
    }

    public void OnRuntimeEvent(RuntimeEvent e)
    {
        Table.Apply(e);
        switch (e.Event)
        {
            case "node.placed":
                _placed.Report(e.Fields["domain"], e.Fields["host"]);
                break;
            case "node.boot":
                _booted.Report(e.Fields["domain"], e.Fields["host"]);
                break;
            case "child.restart":
                Interlocked.Increment(ref _restarts);
                break;
            default:
                break;
        }
    }

    public void OnDomainEvent(DomainEvent e)
    {
        // Published on the thread advancing the world, one at a time.
        if (e.Kind == DomainEventKind.Started && e.Ts.UtcTicks > _lastStartedTicks)
        {
            Interlocked.Exchange(ref _lastStartedTicks, e.Ts.UtcTicks);
        }
    }
}

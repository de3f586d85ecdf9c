using System.Diagnostics;

namespace Actors.Supervision.Tests.Chaos;

/// <summary>Follows the cluster supervisor's runtime events: which of the desired nodes are up, and for every
/// node killed, how long until the supervisor had it up again. Safe to use from any thread.</summary>
public sealed class NodeWatch(IReadOnlyCollection<string> desired)
{
    private readonly object _gate = new();
    private readonly HashSet<string> _up = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Stopwatch Since, TaskCompletionSource<TimeSpan> Restored)> _killed = new(StringComparer.Ordinal);
    private readonly List<TaskCompletionSource> _allUpWaiters = [];
    private readonly List<TimeSpan> _detections = [];
    private int _restarts;

    /// <summary>How many times the supervisor restarted one of the desired nodes.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>For each kill, the time until the supervisor restarted the node (its death seen, a new boot begun).</summary>
    public IReadOnlyList<TimeSpan> Detections
    {
        get
        {
            lock (_gate)
            {
                return [.. _detections];
            }
        }
    }

    /// <summary>The desired nodes up now and not killed since.</summary>
    public IReadOnlyList<string> Up
    {
        get
        {
            lock (_gate)
            {
                return [.. _up.Order(StringComparer.Ordinal)];
            }
        }
    }

    public void Apply(RuntimeEvent e)
    {
        var domain = e.Fields.GetValueOrDefault("domain") ?? e.Fields.GetValueOrDefault("child");
        if (domain is null || !desired.Contains(domain))
        {
            return;
        }

        lock (_gate)
        {
            switch (e.Event)
            {
                case "node.ready":
                    _up.Add(domain);
                    if (_killed.Remove(domain, out var kill))
                    {
                        kill.Restored.TrySetResult(kill.Since.Elapsed);
                    }

                    if (_up.Count == desired.Count)
                    {
                        _allUpWaiters.ForEach(w => w.TrySetResult());
                        _allUpWaiters.Clear();
                    }

                    break;
                case "node.down":
                    _up.Remove(domain);
                    break;
                case "child.restart":
                    _restarts++;
                    if (_killed.TryGetValue(domain, out var dead))
                    {
                        _detections.Add(dead.Since.Elapsed);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Notes that <paramref name="domain"/> was just killed; the task completes with the time until the
    /// supervisor's next <c>node.ready</c> for it.</summary>
    public Task<TimeSpan> Killed(string domain)
    {
        lock (_gate)
        {
            _up.Remove(domain);
            var restored = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _killed[domain] = (Stopwatch.StartNew(), restored);
            return restored.Task;
        }
    }

    /// <summary>Completes when every desired node is up (at once if they are).</summary>
    public Task WhenAllUpAsync()
    {
        lock (_gate)
        {
            if (_up.Count == desired.Count)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _allUpWaiters.Add(waiter);
            return waiter.Task;
        }
    }
}

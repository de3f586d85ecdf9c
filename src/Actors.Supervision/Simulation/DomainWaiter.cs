namespace Actors.Supervision;

/// <summary>Completes once each of a set of domains has been reported on an accepted host. Reports of other
/// domains, or on hosts not accepted, are ignored. Safe to report from any thread.</summary>
internal sealed class DomainWaiter
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _pending;
    private readonly Func<string, bool> _acceptHost;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DomainWaiter(IEnumerable<string> domains, Func<string, bool> acceptHost)
    {
        _pending = new HashSet<string>(domains, StringComparer.Ordinal);
        _acceptHost = acceptHost;
        if (_pending.Count == 0)
        {
            _done.SetResult();
        }
    }

    public Task Done => _done.Task;

    public void Report(string domain, string host)
    {
        if (!_acceptHost(host))
        {
            return;
        }

        lock (_lock)
        {
            if (_pending.Remove(domain) && _pending.Count == 0)
            {
                _done.TrySetResult();
            }
        }
    }
}

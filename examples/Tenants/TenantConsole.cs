using Actors;
using Actors.Hosting;

namespace Tenants;

/// <summary>Prints the supervisor's boots and reaps of tenant nodes as they happen, and lets the traffic wait
/// for a tenant's node to be reaped.</summary>
public sealed class TenantConsole : IRuntimeEventSink
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _reaps = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Writes one line; safe from any thread.</summary>
    public static void Print(string verb, string what, string detail) =>
        Console.Out.WriteLine($"{verb,-8} {what,-18} {detail}");

    public void OnEvent(RuntimeEvent e)
    {
        var domain = e.Fields.GetValueOrDefault("domain");
        switch (e.Event)
        {
            case "node.summon":
                Print("boot", domain ?? "?", $"summoned by tenant {e.Fields["tenant"]}'s request");
                break;
            case "node.ready":
                Print("up", domain ?? "?", $"member Up {e.Fields["ms"]} ms after the summons");
                break;
            case "node.down" when domain is not null:
                Print("reap", domain, $"stopped after its idle TTL (reason {e.Fields.GetValueOrDefault("reason")})");
                TaskCompletionSource changed;
                lock (_lock)
                {
                    _reaps[domain] = _reaps.GetValueOrDefault(domain) + 1;
                    (changed, _changed) = (_changed, new(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                changed.SetResult();
                break;
        }
    }

    /// <summary>Completes once <paramref name="domain"/> has been reaped <paramref name="count"/> times.</summary>
    public async Task WaitForReapsAsync(string domain, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_reaps.GetValueOrDefault(domain) >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }
}

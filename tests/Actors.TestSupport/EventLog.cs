using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Actors.TestSupport;

/// <summary>Collects runtime events from nodes and lets a test await the first one that matches.</summary>
public sealed class EventLog
{
    private readonly ConcurrentQueue<RuntimeEvent> _all = new();
    private readonly Channel<RuntimeEvent> _channel = Channel.CreateUnbounded<RuntimeEvent>();

    public IReadOnlyCollection<RuntimeEvent> All => _all;

    public void Add(RuntimeEvent e)
    {
        _all.Enqueue(e);
        _channel.Writer.TryWrite(e);
    }

    public async Task<RuntimeEvent> WaitForAsync(Func<RuntimeEvent, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        await foreach (var e in _channel.Reader.ReadAllAsync(cts.Token))
        {
            if (match(e))
            {
                return e;
            }
        }

        throw new TimeoutException("event stream ended");
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Actors.TestSupport;

/// <summary>Collects items from any thread and lets a test await the next one that matches, without sleeping.
/// Each awaited item is consumed: a second wait finds the next match.</summary>
public class AwaitableLog<T>
{
    private readonly ConcurrentQueue<T> _all = new();
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>();

    /// <summary>Everything added so far.</summary>
    public IReadOnlyCollection<T> All => _all;

    public void Add(T item)
    {
        _all.Enqueue(item);
        _channel.Writer.TryWrite(item);
    }

    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await foreach (var item in _channel.Reader.ReadAllAsync(cts.Token))
        {
            if (match(item))
            {
                return item;
            }
        }

        throw new InvalidOperationException("the log was closed");
    }
}

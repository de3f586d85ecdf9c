using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Actors.Hypervisor.Tests.Qemu;

/// <summary>A domain's console lines as the driver reads them from QEMU, awaitable without polling the log file.</summary>
internal sealed class ConsoleLines : IDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly ConcurrentQueue<string> _seen = new();
    private readonly IDisposable _watch;

    /// <summary>Watches <paramref name="name"/>; do it before booting to see every line.</summary>
    public ConsoleLines(QemuHypervisor hypervisor, string name) => _watch = hypervisor.WatchConsole(name, line =>
    {
        _seen.Enqueue(line);
        _lines.Writer.TryWrite(line);
    });

    public IReadOnlyCollection<string> Seen => _seen;

    /// <summary>The next line that matches, within <paramref name="timeout"/> (default 60 s).</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(cts.Token))
            {
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no matching console line; the last lines were: {string.Join(" | ", _seen.TakeLast(10))}");
        }

        throw new InvalidOperationException("console channel closed");
    }

    public void Dispose() => _watch.Dispose();
}

using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Actors.Hypervisor;

/// <summary>One QMP (QEMU Machine Protocol) session over a connected socket: JSON lines, replies matched to
/// commands by id, events handed to a callback.</summary>
internal sealed class QmpConnection : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private readonly Action<QmpEvent> _onEvent;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private long _nextId;
    private volatile bool _closed;
    private Task _readLoop = Task.CompletedTask;

    private QmpConnection(Socket socket, Action<QmpEvent> onEvent)
    {
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.UTF8);
        _onEvent = onEvent;
    }

    /// <summary>Reads QEMU's greeting, starts reading, and leaves capabilities negotiation mode.</summary>
    public static async Task<QmpConnection> OpenAsync(Socket socket, Action<QmpEvent> onEvent, CancellationToken cancellationToken)
    {
        var qmp = new QmpConnection(socket, onEvent);
        try
        {
            var greeting = await qmp._reader.ReadLineAsync(cancellationToken);
            if (greeting is null || !greeting.Contains("\"QMP\"", StringComparison.Ordinal))
            {
                throw new IOException($"QMP greeting expected, got '{greeting}'");
            }

            qmp._readLoop = qmp.ReadLoopAsync();
            await qmp.ExecuteAsync("qmp_capabilities", cancellationToken);
            return qmp;
        }
        catch
        {
            await qmp.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command and returns its <c>return</c> value; a QMP error or a closed session throws.</summary>
    public async Task<JsonElement> ExecuteAsync(string command, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        if (_closed)
        {
            Fail(new IOException("the QMP session is closed"));
        }

        // Commands are the driver's own constants, so no escaping is needed.
        var line = Encoding.UTF8.GetBytes($"{{\"execute\":\"{command}\",\"id\":{id}}}\r\n");
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(line, cancellationToken);
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }
        finally
        {
            _writeLock.Release();
        }

        return await reply.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        await _readLoop; // ends, without throwing, once the stream is closed
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _reader.ReadLineAsync() is { } line)
            {
                Dispatch(line);
            }

            Fail(new IOException("QEMU closed the QMP session"));
        }
        catch (Exception e)
        {
            Fail(e as IOException ?? new IOException("the QMP session failed", e));
        }
    }

    private void Dispatch(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.TryGetProperty("event", out var name))
        {
            var data = root.TryGetProperty("data", out var d) ? d.Clone() : default;
            _onEvent(new QmpEvent(name.GetString() ?? string.Empty, data));
        }
        else if (root.TryGetProperty("id", out var idElement) && _pending.TryRemove(idElement.GetInt64(), out var reply))
        {
            if (root.TryGetProperty("return", out var value))
            {
                reply.TrySetResult(value.Clone());
            }
            else
            {
                var desc = root.TryGetProperty("error", out var error) && error.TryGetProperty("desc", out var text) ? text.GetString() : line;
                reply.TrySetException(new IOException($"QMP error: {desc}"));
            }
        }
    }

    private void Fail(Exception e)
    {
        _closed = true;
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var reply))
            {
                reply.TrySetException(e);
            }
        }
    }
}

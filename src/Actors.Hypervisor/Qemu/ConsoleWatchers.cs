namespace Actors.Hypervisor;

/// <summary>Who wants a domain's console lines. Kept with the domain, so a watcher added before a boot sees
/// every line of it.</summary>
internal sealed class ConsoleWatchers
{
    private readonly Lock _lock = new();
    private Action<string>[] _watchers = [];

    public IDisposable Add(Action<string> onLine)
    {
        lock (_lock)
        {
            _watchers = [.. _watchers, onLine];
        }

        return new Removal(this, onLine);
    }

    public void Publish(string line)
    {
        foreach (var watcher in Volatile.Read(ref _watchers))
        {
            try
            {
                watcher(line);
            }
            catch (Exception)
            {
                // A failing watcher must not stop the console log, nor the report of QEMU's exit that waits for it.
            }
        }
    }

    private sealed class Removal(ConsoleWatchers owner, Action<string> onLine) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._watchers = owner._watchers.Where(w => w != onLine).ToArray();
            }
        }
    }
}

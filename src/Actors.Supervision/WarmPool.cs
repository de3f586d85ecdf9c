using System.Net;
using System.Net.Sockets;
using Actors.Hypervisor;
using Actors.Node;

namespace Actors.Supervision;

/// <summary>A host's warm shells: programs already started, their services loaded and Akka's code run once, each
/// waiting on a loopback port (<see cref="Shell"/>). A node proxy placed on the host takes one
/// (<see cref="TakeAsync"/>): the shell's domain is renamed to the node's, then asked to become the node, which
/// skips the program's start and most of its JIT. The pool boots a replacement in the background at once.</summary>
/// <remarks>Shells run on <c>process://</c> hosts, whose driver can rename a running domain. A shell that dies
/// before it is taken is replaced; after three such deaths in a row the pool stops refilling (a shell that cannot
/// start would otherwise loop), and nodes boot cold.</remarks>
public sealed class WarmPool : IAsyncDisposable
{
    private const int MaxFailuresInARow = 3;
    private readonly Lock _lock = new();
    private readonly Host _host;
    private readonly Func<string, int, DomainSpec> _shellSpec;
    private readonly List<WarmShell> _shells = [];
    private readonly Action<RuntimeEvent>? _report;
    private int _next;
    private int _failures;
    private bool _closed;

    /// <summary>Creates the pool of <paramref name="size"/> shells on <paramref name="host"/>, whose domain specs
    /// <paramref name="shellSpec"/> makes from a name and a port; <paramref name="report"/> hears each shell's
    /// boot, warmth and death (<c>shell.boot</c>, <c>shell.warm</c>, <c>shell.down</c>).</summary>
    public WarmPool(Host host, int size, Func<string, int, DomainSpec> shellSpec, Action<RuntimeEvent>? report = null)
    {
        if (host.Driver is not IDomainRename)
        {
            throw new ArgumentException($"host {host.Spec.Name} ({host.Spec.Uri}) cannot rename a running domain, so it cannot keep warm shells");
        }

        (_host, Size, _shellSpec, _report) = (host, size, shellSpec, report);
    }

    /// <summary>How many shells the pool keeps.</summary>
    public int Size { get; }

    /// <summary>Shells warm and not yet taken.</summary>
    public int Warm
    {
        get
        {
            lock (_lock)
            {
                return _shells.Count(s => s.IsWarm);
            }
        }
    }

    /// <summary>Boots the pool's shells.</summary>
    public void Start()
    {
        for (var i = 0; i < Size; i++)
        {
            _ = RefillAsync();
        }
    }

    /// <summary>A warm shell, connected and taken out of the pool, or null if none has finished warming up (the
    /// caller boots cold). Each taken shell is replaced in the background.</summary>
    public async Task<TakenShell?> TakeAsync(CancellationToken cancellationToken = default)
    {
        WarmShell[] candidates;
        lock (_lock)
        {
            candidates = [.. _shells.Where(s => s.IsWarm)];
        }

        foreach (var shell in candidates)
        {
            ShellConnection connection;
            try
            {
                connection = await ShellConnection.ConnectAsync(IPAddress.Loopback.ToString(), shell.Port, cancellationToken);
            }
            catch (SocketException)
            {
                continue; // It died meanwhile; its death is being handled.
            }

            lock (_lock)
            {
                if (!_shells.Remove(shell))
                {
                    connection.Dispose(); // Taken by another proxy, or died, meanwhile.
                    continue;
                }

                _failures = 0;
            }

            shell.Watch.Dispose();
            _ = RefillAsync();
            return new TakenShell(shell.Name, connection);
        }

        return null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        WarmShell[] shells;
        lock (_lock)
        {
            _closed = true;
            shells = [.. _shells];
            _shells.Clear();
        }

        foreach (var shell in shells)
        {
            shell.Watch.Dispose();
            await RemoveAsync(shell.Name);
        }
    }

    private async Task RefillAsync()
    {
        string name;
        lock (_lock)
        {
            if (_closed || _failures >= MaxFailuresInARow)
            {
                return;
            }

            name = $"shell-{_host.Spec.Name.ToLowerInvariant()}-{++_next}";
        }

        var port = FreeLoopbackPort();
        var spec = _shellSpec(name, port);
        var watch = _host.Watch(name, e =>
        {
            if (e.Kind == DomainEventKind.Stopped)
            {
                _ = OnDiedAsync(name, e);
            }
        });
        var shell = new WarmShell(name, port, watch);
        lock (_lock)
        {
            _shells.Add(shell);
        }

        var since = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await _host.Driver.DefineAsync(spec);
            await _host.Driver.BootAsync(name);
        }
        catch (HypervisorException e)
        {
            await OnDiedAsync(name, new DomainEvent(name, DomainEventKind.Stopped, DateTimeOffset.UtcNow, StopReason.Crashed, e.Message));
            return;
        }

        Report("shell.boot", name, ("port", port));
        if (await ShellProbe.WaitUntilListeningAsync(port, () => !IsPooled(shell)))
        {
            shell.IsWarm = true;
            Report("shell.warm", name, ("ms", since.ElapsedMilliseconds));
        }
    }

    private bool IsPooled(WarmShell shell)
    {
        lock (_lock)
        {
            return _shells.Contains(shell);
        }
    }

    private void Report(string what, string shell, params (string Key, object? Value)[] fields) =>
        _report?.Invoke(RuntimeEvents.Make(DateTimeOffset.UtcNow, what, null, null, [("shell", shell), ("host", _host.Spec.Name), .. fields]));

    private async Task OnDiedAsync(string name, DomainEvent e)
    {
        bool refill;
        lock (_lock)
        {
            var shell = _shells.Find(s => s.Name == name);
            if (shell is null)
            {
                return; // Taken: its death is its node's now.
            }

            _shells.Remove(shell);
            shell.Watch.Dispose();
            _failures++;
            refill = !_closed;
        }

        Report("shell.down", name, ("reason", $"{e.Reason} ({e.Detail})"));
        await RemoveAsync(name);
        if (refill)
        {
            await RefillAsync();
        }
    }

    private async Task RemoveAsync(string name)
    {
        try
        {
            await _host.Driver.DestroyAsync(name);
        }
        catch (HypervisorException)
        {
            // Already off or gone.
        }

        try
        {
            await _host.Driver.UndefineAsync(name);
        }
        catch (HypervisorException)
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed record WarmShell(string Name, int Port, IDisposable Watch)
    {
        public volatile bool IsWarm;
    }
}

/// <summary>A shell taken from a <see cref="WarmPool"/>: its domain's name and an open connection to it.</summary>
/// <param name="Domain">The shell's domain, to be renamed to the node's.</param>
/// <param name="Connection">The connection to send the become request on.</param>
public sealed record TakenShell(string Domain, ShellConnection Connection);

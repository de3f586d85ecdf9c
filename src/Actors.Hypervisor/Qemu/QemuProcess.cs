using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Actors.Hypervisor;

/// <summary>One running QEMU: its process, its console and stderr pumps, and its QMP session.</summary>
internal sealed class QemuProcess : IAsyncDisposable
{
    // QEMU connects to QMP within milliseconds of starting; this only bounds a wedged start.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    // How long QEMU may take to act on QMP "quit" before it is killed.
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<string> _stderrTail = new();
    private readonly Task<int> _exited;
    private QmpConnection? _qmp;
    private QmpEvent? _shutdown;

    private QemuProcess(Process process, QemuPaths paths, Action<string> onConsoleLine, TimeProvider time)
    {
        _process = process;
        _time = time;
        var console = Task.Run(() => OutputPump.RunAsync(process.StandardOutput.BaseStream, paths.Console, onConsoleLine));
        var stderr = Task.Run(() => OutputPump.RunAsync(process.StandardError.BaseStream, paths.Stderr, KeepTail));
        _exited = WaitForExitAsync(console, stderr);
    }

    /// <summary>QEMU's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Completes with QEMU's exit code (128 + signal if killed) once it has exited and its output is drained.</summary>
    public Task<int> Exited => _exited;

    /// <summary>QMP's SHUTDOWN event, if QEMU sent one before exiting.</summary>
    public QmpEvent? Shutdown => Volatile.Read(ref _shutdown);

    /// <summary>The last lines QEMU wrote to stderr.</summary>
    public string StderrTail => string.Join(" | ", _stderrTail);

    /// <summary>Starts QEMU for <paramref name="spec"/> and completes once QMP says the guest is running.</summary>
    public static async Task<QemuProcess> StartAsync(
        DomainSpec spec, QemuImage image, QemuSettings settings, Action<string> onConsoleLine, TimeProvider time, CancellationToken cancellationToken)
    {
        var paths = QemuPaths.For(settings.StateDirectory, spec.Name);
        Directory.CreateDirectory(settings.StateDirectory);
        File.Delete(paths.Qmp);

        // The driver listens and QEMU connects (a QMP chardev with server=off): no waiting for QEMU's socket to appear.
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(paths.Qmp));
        listener.Listen(1);
        var info = new ProcessStartInfo(QemuCommandLine.Launcher)
        {
            RedirectStandardInput = true, // a pipe never written: the console gets no input, and not the host's terminal
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (QemuCommandLine.TapsItself(spec, settings))
        {
            paths.WriteIfUp(spec.Network!.Bridge);
        }

        foreach (var arg in QemuCommandLine.Arguments(spec, image, settings, paths.Qmp))
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = await ProcessLauncher.Instance.StartAsync(info);
        }
        catch (Win32Exception e)
        {
            throw new IOException($"cannot run {QemuCommandLine.Launcher} (util-linux): {e.Message}", e);
        }

        var qemu = new QemuProcess(process, paths, onConsoleLine, time);
        try
        {
            await qemu.ConnectAsync(listener, cancellationToken);
            return qemu;
        }
        catch (Exception e)
        {
            qemu.Kill();
            var code = await qemu._exited;
            await qemu.DisposeAsync();
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var why = e is OperationCanceledException ? $"it did not connect to QMP within {StartTimeout.TotalSeconds:F0} s" : e.Message;
            throw new IOException($"QEMU did not start ({why}; exit code {code}); stderr: {qemu.StderrTail}", e);
        }
        finally
        {
            File.Delete(paths.Qmp);
        }
    }

    /// <summary>Presses the ACPI power button.</summary>
    public Task PowerDownAsync(CancellationToken cancellationToken) => Qmp.ExecuteAsync("system_powerdown", cancellationToken);

    /// <summary>Ends QEMU: QMP <c>quit</c>, or SIGKILL if QEMU has not exited soon after; completes when it has.</summary>
    public async Task QuitAsync()
    {
        if (!_exited.IsCompleted)
        {
            try
            {
                await Qmp.ExecuteAsync("quit").WaitAsync(QuitTimeout, _time);
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                // QEMU closes the session as it quits, or QMP is wedged: whether QEMU exits decides.
            }

            try
            {
                await _exited.WaitAsync(QuitTimeout, _time);
            }
            catch (TimeoutException)
            {
                Kill();
            }
        }

        await _exited;
    }

    /// <summary>SIGKILLs QEMU.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_qmp is not null)
        {
            await _qmp.DisposeAsync();
        }

        _process.Dispose();
    }

    private QmpConnection Qmp => _qmp ?? throw new InvalidOperationException("QMP is not connected");

    private async Task ConnectAsync(Socket listener, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var accept = listener.AcceptAsync(timeout.Token).AsTask();
        if (await Task.WhenAny(accept, _exited) != accept)
        {
            await timeout.CancelAsync();
            throw new IOException("QEMU exited before connecting to QMP");
        }

        // If QEMU dies from here on, its end of the socket closes and the QMP calls below fail.
        _qmp = await QmpConnection.OpenAsync(await accept, OnEvent, timeout.Token);
        var status = await _qmp.ExecuteAsync("query-status", timeout.Token);
        if (status.GetProperty("status").GetString() is var s && s != "running")
        {
            throw new IOException($"QMP reports the VM as '{s}', not running");
        }
    }

    private void OnEvent(QmpEvent e)
    {
        if (e.Name == "SHUTDOWN")
        {
            Volatile.Write(ref _shutdown, e);
        }
    }

    private void KeepTail(string line)
    {
        _stderrTail.Enqueue(line);
        while (_stderrTail.Count > 5)
        {
            _stderrTail.TryDequeue(out _);
        }
    }

    private async Task<int> WaitForExitAsync(Task console, Task stderr)
    {
        await _process.WaitForExitAsync();

        // The pipes end when QEMU does; draining them first puts the last console lines in the log before Stopped.
        try
        {
            await Task.WhenAll(console, stderr);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A log that could not be written (disk full) loses lines, never the exit.
        }

        return _process.ExitCode;
    }
}

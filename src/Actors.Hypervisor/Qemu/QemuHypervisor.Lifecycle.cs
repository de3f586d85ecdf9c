namespace Actors.Hypervisor;

/// <summary>Boot, shutdown, destroy, and what happens when a QEMU exits.</summary>
internal sealed partial class QemuHypervisor
{
    // A guest that has not yet loaded its power-button driver (or started the daemon that listens to it) misses a
    // press: measured here, a press sent as the test image prints its ready line is lost, the next one 0.5 s later
    // works. So a graceful shutdown presses again at this interval until the guest stops or the timeout passes.
    private static readonly TimeSpan PowerButtonRepeat = TimeSpan.FromSeconds(1);

    public async Task BootAsync(string name, CancellationToken cancellationToken = default)
    {
        QemuDomain domain;
        lock (_lock)
        {
            ThrowIfDisposed();
            domain = Find(name);
        }

        // A baked image is verified before every boot: a layer changed since it was defined is refused.
        if (domain.Image.Baked)
        {
            await BakedImages.VerifyAsync(Uri, name, domain.Image.Directory, cancellationToken);
        }

        lock (_lock)
        {
            ThrowIfDisposed();
            if (domain.State != QemuDomain.Phase.Off)
            {
                throw new DomainStateException(Uri, name, $"is {Describe(domain)}; only a domain that is off can boot");
            }

            _ledger.Reserve(domain.Spec);
            domain.State = QemuDomain.Phase.Booting;
            domain.Intent = StopIntent.None;
        }

        QemuProcess? qemu = null;
        try
        {
            qemu = await QemuProcess.StartAsync(domain.Spec, domain.Image, _settings, domain.Console.Publish, _options.Time, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new HypervisorException(Uri, name, $"boot failed: {e.Message}", e);
        }
        finally
        {
            if (qemu is null)
            {
                lock (_lock)
                {
                    domain.State = QemuDomain.Phase.Off;
                    _ledger.Release(name);
                }
            }
        }

        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool disposed;
        lock (_lock)
        {
            domain.Process = qemu;
            domain.State = QemuDomain.Phase.Running;
            domain.RunEnded = ended.Task;
            disposed = _disposed;
        }

        Publish(name, DomainEventKind.Started, detail: $"pid {qemu.Pid}, {_settings.Accelerator.ToString().ToLowerInvariant()}");
        _ = ReportExitAsync(domain, qemu, ended);
        if (disposed)
        {
            // The driver was disposed while this QEMU started: it must not outlive the driver.
            await DestroyAsync(name, CancellationToken.None);
            throw new ObjectDisposedException(nameof(QemuHypervisor));
        }
    }

    public async Task ShutdownAsync(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var (domain, qemu, ended) = Claim(name, StopIntent.Shutdown);
        using (var timer = new CancellationTokenSource(timeout, _options.Time))
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token))
        {
            await PressUntilStoppedAsync(qemu, ended, deadline.Token);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!ended.IsCompleted)
        {
            lock (_lock)
            {
                domain.Intent = StopIntent.ShutdownTimedOut;
            }

            await qemu.QuitAsync();
        }

        await ended;
    }

    public async Task DestroyAsync(string name, CancellationToken cancellationToken = default)
    {
        var (_, qemu, ended) = Claim(name, StopIntent.Destroy);
        await qemu.QuitAsync().WaitAsync(cancellationToken);
        await ended.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        List<string> running;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            running = _domains.Values.Where(d => d.Process is not null).Select(d => d.Spec.Name).ToList();
        }

        foreach (var name in running)
        {
            try
            {
                await DestroyAsync(name);
            }
            catch (DomainStateException)
            {
                // It stopped on its own meanwhile.
            }
        }
    }

    /// <summary>Records what the driver is about to do to a running domain and returns its QEMU.</summary>
    private (QemuDomain Domain, QemuProcess Qemu, Task Ended) Claim(string name, StopIntent intent)
    {
        lock (_lock)
        {
            var domain = Find(name);
            if (domain.Process is not { } qemu)
            {
                throw new DomainStateException(Uri, name, $"is {Describe(domain)}, not running");
            }

            // A destroy overrides a shutdown in progress; a second shutdown joins the first.
            if (domain.Intent != StopIntent.Destroy)
            {
                domain.Intent = intent;
            }

            if (intent == StopIntent.Shutdown)
            {
                domain.State = QemuDomain.Phase.ShuttingDown;
            }

            return (domain, qemu, domain.RunEnded);
        }
    }

    private async Task PressUntilStoppedAsync(QemuProcess qemu, Task ended, CancellationToken deadline)
    {
        try
        {
            while (!ended.IsCompleted)
            {
                try
                {
                    await qemu.PowerDownAsync(deadline);
                }
                catch (IOException)
                {
                    // QMP closes as QEMU exits.
                    await ended.WaitAsync(deadline);
                    return;
                }

                try
                {
                    await ended.WaitAsync(PowerButtonRepeat, _options.Time, deadline);
                }
                catch (TimeoutException)
                {
                    // Not stopped yet: press again.
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Out of time (the caller destroys it) or cancelled (the caller throws).
        }
    }

    private async Task ReportExitAsync(QemuDomain domain, QemuProcess qemu, TaskCompletionSource ended)
    {
        try
        {
            var code = await qemu.Exited;
            StopReason reason;
            string detail;
            lock (_lock)
            {
                (reason, detail) = ExitClassifier.Classify(domain.Intent, qemu.Shutdown, code);
                domain.State = QemuDomain.Phase.Off;
                domain.LastStop = reason;
                domain.Process = null;
                domain.Intent = StopIntent.None;
                _ledger.Release(domain.Spec.Name);
            }

            await qemu.DisposeAsync();
            Publish(domain.Spec.Name, DomainEventKind.Stopped, reason, detail);
        }
        finally
        {
            ended.SetResult();
        }
    }

    private static string Describe(QemuDomain domain) => domain.State switch
    {
        QemuDomain.Phase.ShuttingDown => "shutting down",
        var phase => phase.ToString().ToLowerInvariant(),
    };
}

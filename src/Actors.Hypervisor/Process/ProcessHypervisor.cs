using System.Diagnostics;

namespace Actors.Hypervisor;

/// <summary><c>process://</c>: a domain is a child OS process running the node host. The domain's image is
/// the program (a <c>.dll</c> runs under <c>dotnet</c>), its arguments and environment come from the spec,
/// and its stdout and stderr go to <c>{state}/{domain}.log</c>. Destroy is SIGKILL, shutdown is SIGTERM then
/// SIGKILL after the timeout, and an exit nobody asked for is reported at once: Crashed, or Shutdown when
/// the program exited 0 by itself. Children die with this process (parent-death signal).</summary>
internal sealed class ProcessHypervisor : TableDriver<ProcessHypervisor.Domain>, IHypervisor, IDomainLogs, IDomainRename
{
    private readonly HypervisorOptions _options;

    private ProcessHypervisor(Uri uri, HostCapacity capacity, HypervisorOptions options)
        : base(uri, capacity)
    {
        _options = options;
        Directory.CreateDirectory(options.StateDirectory);
    }

    protected override DateTimeOffset Now => _options.Time.GetUtcNow();

    public static ProcessHypervisor Open(Uri uri, HypervisorOptions options) => new(uri, UriQuery.CapacityOnly(uri), options);

    /// <summary>The log file of a domain: the one its process writes to (a renamed domain keeps the file it was
    /// started with), else <c>{state}/{name}.log</c>.</summary>
    public string LogPath(string name)
    {
        try
        {
            return Domains.Get(name).LogFile ?? DefaultLog(name);
        }
        catch (DomainNotFoundException)
        {
            return DefaultLog(name);
        }
    }

    /// <summary>The process keeps running, and writing to the log it was started with.</summary>
    public Task RenameAsync(string name, DomainSpec becomes, CancellationToken cancellationToken = default)
    {
        DomainSpecValidator.Validate(Uri, becomes);
        var domain = Domains.Rename(name, becomes, Ledger.Move);
        Publish(name, DomainEventKind.Undefined, detail: $"renamed {becomes.Name}");
        Publish(becomes.Name, DomainEventKind.Defined, detail: $"renamed from {name}");
        Publish(becomes.Name, DomainEventKind.Started, detail: $"pid {domain.Pid}, renamed from {name}");
        return Task.CompletedTask;
    }

    protected override Domain NewDomain(DomainSpec spec) => new(spec);

    protected override void CheckSpec(DomainSpec spec)
    {
        if (string.IsNullOrEmpty(spec.Image))
        {
            throw new InvalidDomainSpecException(Uri, spec.Name, "image is empty; give the program to run (a .dll runs under dotnet)");
        }
    }

    public async Task BootAsync(string name, CancellationToken cancellationToken = default)
    {
        var domain = BeginBoot(name);
        var launched = domain.Launched;
        try
        {
            domain.Process = await ProcessLauncher.Instance.StartAsync(StartInfo(domain.Spec));
        }
        catch (Exception e)
        {
            domain.State = DomainState.Off;
            Ledger.Release(name);
            domain.Launched = NewLaunch();
            launched.TrySetResult(0);
            throw e is HypervisorException ? e : new HypervisorException(Uri, name, $"could not start {domain.Spec.Image}: {e.Message}", e);
        }

        domain.Pid = domain.Process.Id;
        domain.LogFile = DefaultLog(name);
        launched.TrySetResult(domain.Pid);
        Publish(name, DomainEventKind.Started, detail: $"pid {domain.Pid}");
        var process = domain.Process;
        _ = process.WaitForExitAsync().ContinueWith(_ => OnExited(domain, process), TaskScheduler.Default);
    }

    public async Task ShutdownAsync(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var domain = Domains.GetRunning(name, "shut down");
        domain.Requested ??= StopReason.Shutdown;
        domain.State = DomainState.ShuttingDown;

        // Taken before the signal: the exit replaces the domain's completion source once it has fired.
        var stopped = domain.WhenStopped;
        if (!await SignalAsync(domain, Posix.SigTerm, stopped))
        {
            return; // Its start failed: it is off.
        }

        if (await Task.WhenAny(stopped, Task.Delay(timeout, cancellationToken)) != stopped)
        {
            domain.Requested = StopReason.Destroyed;
            await SignalAsync(domain, Posix.SigKill, stopped);
        }

        await stopped;
    }

    public async Task DestroyAsync(string name, CancellationToken cancellationToken = default)
    {
        var domain = Domains.GetRunning(name, "destroy");
        domain.Requested = StopReason.Destroyed;
        var stopped = domain.WhenStopped;
        if (await SignalAsync(domain, Posix.SigKill, stopped))
        {
            await stopped;
        }
    }

    /// <summary>Signals the domain's process once it has one: a domain that is running but still starting has no
    /// process id yet, and kill(0) would signal this whole process group, the supervisor included. False if the
    /// start failed or the run ended (<paramref name="stopped"/>) first: the domain is off.</summary>
    private static async Task<bool> SignalAsync(Domain domain, int signal, Task stopped)
    {
        var launched = domain.Launched.Task;
        if (await Task.WhenAny(launched, stopped) != launched || await launched is var pid && pid <= 1)
        {
            return false;
        }

        Posix.Kill(pid, signal);
        return true;
    }

    private static TaskCompletionSource<int> NewLaunch() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The process id of a running domain; throws <see cref="DomainStateException"/> while it is still starting.</summary>
    internal int PidOf(string name) =>
        Domains.GetRunning(name, "inspect") is { Launched.Task.IsCompletedSuccessfully: true } d && d.Launched.Task.Result > 1
            ? d.Launched.Task.Result
            : throw new DomainStateException(Uri, name, "is still starting; it has no process yet");

    public async ValueTask DisposeAsync()
    {
        Close();
        foreach (var d in Domains.All().Where(d => d.State != DomainState.Off))
        {
            d.Requested = StopReason.Destroyed;
            var stopped = d.WhenStopped;
            if (await SignalAsync(d, Posix.SigKill, stopped))
            {
                await stopped;
            }
        }
    }

    private ProcessStartInfo StartInfo(DomainSpec spec)
    {
        // sh only sets up the log redirection and then is replaced (exec) by setpriv, which is replaced by
        // the program: the domain's pid is the program's pid.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = _options.StateDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setpriv --pdeathsig KILL -- \"$@\" >>\"$ACTORS_DOMAIN_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add("sh");
        if (spec.Image!.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(spec.Image);
        foreach (var arg in spec.Arguments)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ACTORS_DOMAIN_LOG"] = DefaultLog(spec.Name);
        start.Environment["ACTORS_DOMAIN"] = spec.Name;
        foreach (var (key, value) in spec.Environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private string DefaultLog(string name) => Path.Combine(_options.StateDirectory, $"{name}.log");

    private void OnExited(Domain domain, Process process)
    {
        // The next run's signals wait for the next run's process.
        domain.Launched = NewLaunch();
        var code = process.ExitCode;
        process.Dispose();
        var reason = domain.Requested ?? (code == 0 ? StopReason.Shutdown : StopReason.Crashed);
        domain.Requested = null;
        domain.Process = null;
        MarkStopped(domain, reason, code > 128 ? $"signal {code - 128}" : $"exit code {code}");
    }

    internal sealed class Domain(DomainSpec spec) : TableDomain(spec)
    {
        public StopReason? Requested { get; set; }

        public Process? Process { get; set; }

        public int Pid { get; set; }

        public string? LogFile { get; set; }

        /// <summary>Completes with the current run's process id once started (0 if its start failed).</summary>
        public TaskCompletionSource<int> Launched { get; set; } = NewLaunch();
    }
}

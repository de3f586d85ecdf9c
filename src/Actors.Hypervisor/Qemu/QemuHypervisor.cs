namespace Actors.Hypervisor;

/// <summary>The <c>qemu://</c> driver: each domain is a <c>qemu-system-x86_64 -M microvm</c> process booting the
/// domain's image (see <see cref="QemuImage"/> for the layout) with KVM where usable, else TCG with
/// <c>-cpu max</c> and <c>tsc_early_khz</c>. URI parameters: <c>memory</c> and <c>vcpus</c> (capacity),
/// <c>accel=kvm|tcg</c>, <c>tsc_khz</c>, <c>netns</c> (a named network namespace QEMU runs in). Per domain, in the state directory: <c>&lt;domain&gt;.console.log</c>
/// (serial console), <c>&lt;domain&gt;.qemu.log</c> (QEMU's stderr) and, while QEMU starts,
/// <c>&lt;domain&gt;.qmp</c>. Domains are kept in memory only: a new driver does not adopt the VMs of an old one.</summary>
internal sealed partial class QemuHypervisor : IHypervisor, IDomainLogs
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, QemuDomain> _domains = new(StringComparer.Ordinal);
    private readonly EventHub _events = new();
    private readonly HypervisorOptions _options;
    private readonly QemuSettings _settings;
    private readonly CapacityLedger _ledger;
    private bool _disposed;

    private QemuHypervisor(Uri uri, QemuSettings settings, HypervisorOptions options)
    {
        Uri = uri;
        _settings = settings;
        _options = options;
        _ledger = new CapacityLedger(uri, settings.Capacity);
    }

    public Uri Uri { get; }

    public HostCapacity Capacity => _settings.Capacity;

    /// <summary>KVM or TCG, as decided when the driver opened.</summary>
    internal QemuAccelerator Accelerator => _settings.Accelerator;

    public static QemuHypervisor Open(Uri uri, HypervisorOptions options) => new(uri, QemuSettings.Parse(uri, options), options);

    public Task DefineAsync(DomainSpec spec, CancellationToken cancellationToken = default)
    {
        DomainSpecValidator.Validate(Uri, spec);
        (spec, var baked) = BakedImages.Apply(Uri, spec);
        var image = QemuImage.From(spec, baked is not null, out var problem);
        problem ??= KernelCommandLine.Problem(spec, QemuCommandLine.KernelWords(QemuCommandLine.TscKhz(_settings)));
        if (problem is not null)
        {
            throw new InvalidDomainSpecException(Uri, spec.Name, problem);
        }

        lock (_lock)
        {
            ThrowIfDisposed();
            if (!_domains.TryAdd(spec.Name, new QemuDomain(spec, image)))
            {
                throw new DomainExistsException(Uri, spec.Name);
            }
        }

        Publish(spec.Name, DomainEventKind.Defined);
        return Task.CompletedTask;
    }

    public Task UndefineAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var domain = Find(name);
            if (domain.State != QemuDomain.Phase.Off)
            {
                throw new DomainStateException(Uri, name, $"is {Describe(domain)}; destroy or shut it down before undefining it");
            }

            _domains.Remove(name);
        }

        QemuPaths.For(_settings.StateDirectory, name).Delete();
        Publish(name, DomainEventKind.Undefined);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DomainInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DomainInfo>>(_domains.Values.Select(d => d.Info()).ToList());
        }
    }

    public Task<DomainInfo> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(Find(name).Info());
        }
    }

    public IDisposable Subscribe(Action<DomainEvent> observer) => _events.Subscribe(observer);

    /// <summary>Hands each line the domain's serial console prints to <paramref name="onLine"/>, on the driver's
    /// thread, from now on and across boots, until disposed.</summary>
    internal IDisposable WatchConsole(string name, Action<string> onLine)
    {
        lock (_lock)
        {
            return Find(name).Console.Add(onLine);
        }
    }

    /// <summary>The domain's console log (the current or last boot).</summary>
    internal string ConsoleLog(string name) => QemuPaths.For(_settings.StateDirectory, name).Console;

    /// <inheritdoc />
    public string LogPath(string name) => ConsoleLog(name);

    /// <summary>The running QEMU's process id, or null when the domain is not running.</summary>
    internal int? ProcessId(string name)
    {
        lock (_lock)
        {
            return Find(name).Process?.Pid;
        }
    }

    private QemuDomain Find(string name) =>
        _domains.TryGetValue(name, out var domain) ? domain : throw new DomainNotFoundException(Uri, name);

    private void Publish(string name, DomainEventKind kind, StopReason? reason = null, string? detail = null) =>
        _events.Publish(new DomainEvent(name, kind, _options.Time.GetUtcNow(), reason, detail));

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}

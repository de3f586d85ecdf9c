using System.Diagnostics;
using Xunit.Abstractions;

namespace Actors.Hypervisor.Tests.Qemu;

/// <summary>What the contract does not look at: the guest really boots, gets its environment and disks, and the
/// reason reported for each way a VM ends matches what the guest did.</summary>
[Collection(QemuVmCollection.Name)]
public sealed class QemuBootTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "actors-tests", $"qemu-boot-{Guid.NewGuid():N}"[..18]);
    private TestImage? _image;
    private QemuHypervisor? _driver;
    private EventRecorder? _events;

    private QemuHypervisor Driver => _driver ?? throw new InvalidOperationException("not initialised");

    private EventRecorder Events => _events ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        _image = await TestImage.GetAsync();
        _driver = (QemuHypervisor)Hypervisors.Open("qemu://", new HypervisorOptions
        {
            StateDirectory = _state,
        });
        _events = new EventRecorder(_driver);
    }

    public async Task DisposeAsync()
    {
        _events?.Dispose();
        if (_driver is not null)
        {
            await _driver.DisposeAsync();
        }

        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Fact]
    public async Task The_image_boots_to_ready_with_its_environment_and_read_only_disk_and_powers_off_when_asked()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var name = $"boot-{token}";
        var disk = Path.Combine(Path.GetTempPath(), $"actors-disk-{token}.img");
        await File.WriteAllBytesAsync(disk, [.. "ACTORS-DISK-DATA"u8, .. new byte[65536 - 16]]);
        try
        {
            await Driver.DefineAsync(Spec(name) with
            {
                Environment = Env("ACTORS_TOKEN", token),
                ReadOnlyDisks = [disk],
            });
            using var console = new ConsoleLines(Driver, name);

            var clock = Stopwatch.StartNew();
            await Driver.BootAsync(name);
            var started = clock.Elapsed;
            var diskLine = await console.WaitForAsync(l => l.StartsWith("ACTORS-DISK", StringComparison.Ordinal));
            await console.WaitForAsync(l => l == $"ACTORS-READY {token}");
            var ready = clock.Elapsed;
            output.WriteLine($"boot ({Driver.Accelerator}): BootAsync returned after {started.TotalMilliseconds:F0} ms, ACTORS-READY after {ready.TotalSeconds:F2} s");

            Assert.Equal("ACTORS-DISK vda ro=1 data=ACTORS-DISK-DATA", diskLine);
            Assert.Contains($"ACTORS-READY {token}", await File.ReadAllTextAsync(Driver.ConsoleLog(name)));

            clock.Restart();
            await Driver.ShutdownAsync(name, TimeSpan.FromSeconds(30));
            var stopped = await Events.WaitForAsync(name, DomainEventKind.Stopped);
            output.WriteLine($"shutdown: {clock.Elapsed.TotalSeconds:F2} s ({stopped.Detail})");

            Assert.Equal(StopReason.Shutdown, stopped.Reason);
            Assert.Contains("guest-shutdown", stopped.Detail); // the guest powered off; no timeout destroyed it
            Assert.Contains("ACTORS-POWEROFF", console.Seen);
        }
        finally
        {
            File.Delete(disk);
        }
    }

    [Fact]
    public async Task A_guest_deaf_to_the_power_button_is_destroyed_when_the_shutdown_times_out()
    {
        var name = $"deaf-{Guid.NewGuid():N}"[..20];
        await Driver.DefineAsync(Spec(name) with { Environment = Env("ACTORS_POWER_BUTTON", "off") });
        using var console = new ConsoleLines(Driver, name);
        await Driver.BootAsync(name);
        await console.WaitForAsync(l => l.StartsWith("ACTORS-READY", StringComparison.Ordinal));

        await Driver.ShutdownAsync(name, TimeSpan.FromSeconds(2));

        var stopped = await Events.WaitForAsync(name, DomainEventKind.Stopped);
        Assert.Equal(StopReason.Destroyed, stopped.Reason);
        Assert.Contains("shutdown timed out", stopped.Detail, StringComparison.Ordinal);
        Assert.Equal(StopReason.Destroyed, (await Driver.GetAsync(name)).LastStop);
    }

    [Fact]
    public async Task A_guest_that_powers_itself_off_is_reported_shutdown()
    {
        var stopped = await BootUntilStoppedAsync("off", "poweroff");

        Assert.Equal(StopReason.Shutdown, stopped.Reason);
        Assert.Contains("guest-shutdown", stopped.Detail);
    }

    [Fact]
    public async Task A_guest_whose_kernel_panics_is_reported_crashed()
    {
        // init exits, the kernel panics, panic=-1 resets at once, and -no-reboot makes the reset end QEMU with 0.
        var stopped = await BootUntilStoppedAsync("panic", "exit");

        Assert.Equal(StopReason.Crashed, stopped.Reason);
        Assert.Contains("guest-reset", stopped.Detail);
    }

    [Fact]
    public async Task Disposing_the_driver_ends_its_running_qemu()
    {
        var name = $"dispose-{Guid.NewGuid():N}"[..20];
        await Driver.DefineAsync(Spec(name));
        await Driver.BootAsync(name);
        var pid = Driver.ProcessId(name) ?? throw new InvalidOperationException("no pid");

        await Driver.DisposeAsync();

        Assert.Equal(StopReason.Destroyed, (await Events.WaitForAsync(name, DomainEventKind.Stopped)).Reason);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }

    [Fact]
    public async Task A_qemu_that_cannot_start_fails_the_boot_with_its_stderr_and_leaves_the_domain_off()
    {
        var name = $"bad-{Guid.NewGuid():N}"[..20];
        var image = Path.Combine(_state, "not-a-kernel");
        Directory.CreateDirectory(image);
        await File.WriteAllTextAsync(Path.Combine(image, "vmlinux"), "not a kernel");
        await File.WriteAllTextAsync(Path.Combine(image, "initrd.img"), string.Empty);
        await Driver.DefineAsync(Spec(name) with { Image = image });

        var e = await Assert.ThrowsAsync<HypervisorException>(() => Driver.BootAsync(name));

        output.WriteLine(e.Message);
        Assert.Contains("boot failed", e.Message, StringComparison.Ordinal);
        Assert.Contains("stderr: qemu", e.Message, StringComparison.Ordinal); // QEMU says why, e.g. "linux kernel too old to load a ram disk"
        Assert.Equal(DomainState.Off, (await Driver.GetAsync(name)).State);
        Assert.Null(Driver.ProcessId(name));
        Assert.Equal([DomainEventKind.Defined], Events.For(name).Select(ev => ev.Kind));
    }

    private async Task<DomainEvent> BootUntilStoppedAsync(string prefix, string then)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await Driver.DefineAsync(Spec(name) with { Environment = Env("ACTORS_THEN", then) });
        await Driver.BootAsync(name);
        var stopped = await Events.WaitForAsync(name, DomainEventKind.Stopped);
        output.WriteLine($"{name}: {stopped.Reason} ({stopped.Detail})");
        return stopped;
    }

    private static Dictionary<string, string> Env(string key, string value) => new() { [key] = value };

    private DomainSpec Spec(string name) => new()
    {
        Name = name,
        Service = "probe",
        Image = _image?.Directory,
        MemoryMiB = 128,
        VCpus = 1,
        KernelCommandLine = "quiet",
    };
}

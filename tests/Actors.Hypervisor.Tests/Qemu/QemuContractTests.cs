using System.Diagnostics;

namespace Actors.Hypervisor.Tests.Qemu;

/// <summary>The driver contract on real QEMU microVMs booting the test image (under TCG where there is no KVM).</summary>
[Collection(QemuVmCollection.Name)]
public sealed class QemuContractTests : HypervisorContractTests
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "actors-tests", $"qemu-contract-{Guid.NewGuid():N}"[..22]);
    private TestImage? _image;

    protected override string BadUri => "qemu://?bogus=1";

    public override async Task InitializeAsync()
    {
        _image = await TestImage.GetAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    /// <summary>A state directory per test, removed with it: consoles and logs of undefined-or-not domains go too.</summary>
    protected override HypervisorOptions Options() => base.Options() with { StateDirectory = _state };

    protected override IHypervisor OpenDriver(HostCapacity? capacity) =>
        Hypervisors.Open($"qemu://{CapacityQuery(capacity)}", Options());

    protected override DomainSpec Bootable(string name) => new()
    {
        Name = name,
        Service = "probe",
        Image = _image?.Directory ?? throw new InvalidOperationException("the test image is not built yet"),
        MemoryMiB = 128,
        VCpus = 1,
        KernelCommandLine = "quiet",
    };

    /// <summary>SIGKILLs the QEMU process, as the OOM killer or an operator would.</summary>
    protected override Task CrashAsync(IHypervisor hypervisor, string name)
    {
        var pid = ((QemuHypervisor)hypervisor).ProcessId(name) ?? throw new InvalidOperationException($"{name} is not running");
        using var qemu = Process.GetProcessById(pid);
        qemu.Kill();
        return Task.CompletedTask;
    }
}

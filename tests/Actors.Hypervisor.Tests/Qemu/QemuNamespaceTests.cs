using System.Diagnostics;
using System.Globalization;

namespace Actors.Hypervisor.Tests.Qemu;

/// <summary><c>qemu://?netns=NAME</c>: QEMU runs in that network namespace (made here with <c>ip netns add</c>, so
/// root only), and a user-mode forward listens there on every address, not in this process's namespace.</summary>
[Collection(QemuVmCollection.Name)]
public sealed class QemuNamespaceTests : IAsyncLifetime
{
    private readonly string _namespace = $"actors-t-{Guid.NewGuid():N}"[..20];
    private readonly string _state = Path.Combine(Path.GetTempPath(), "actors-tests", $"qemu-netns-{Guid.NewGuid():N}"[..19]);
    private bool _created;

    private static bool IsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        if (IsRoot)
        {
            await RunAsync("ip", "netns", "add", _namespace);
            _created = true;
        }
    }

    public async Task DisposeAsync()
    {
        if (_created)
        {
            await RunAsync("ip", "netns", "delete", _namespace);
        }

        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Qemu_runs_in_the_named_namespace_and_its_forwards_listen_there_on_every_address()
    {
        Skip.IfNot(IsRoot, "making a network namespace (ip netns add) needs root");
        var image = await TestImage.GetAsync();
        const int port = 4199;
        await using var driver = (QemuHypervisor)Hypervisors.Open($"qemu://?netns={_namespace}", new HypervisorOptions { StateDirectory = _state });
        await driver.DefineAsync(new DomainSpec
        {
            Name = "netns-probe",
            Service = "probe",
            Image = image.Directory,
            MemoryMiB = 128,
            KernelCommandLine = "quiet",
            Network = NetworkSpec.User(port),
        });

        await driver.BootAsync("netns-probe");
        var pid = driver.ProcessId("netns-probe") ?? throw new InvalidOperationException("no pid");

        Assert.Equal(_namespace, (await RunAsync("ip", "netns", "identify", pid.ToString(CultureInfo.InvariantCulture))).Trim());
        // /proc/PID/net/tcp lists the sockets of PID's namespace: slirp listens on 0.0.0.0:port there, not here.
        Assert.Contains(Listener(port), await File.ReadAllTextAsync($"/proc/{pid}/net/tcp"), StringComparison.Ordinal);
        Assert.DoesNotContain(Listener(port), await File.ReadAllTextAsync("/proc/self/net/tcp"), StringComparison.Ordinal);
        await driver.DestroyAsync("netns-probe");
    }

    [Fact]
    public void A_namespace_that_does_not_exist_or_a_bad_name_is_refused_at_open_naming_the_uri()
    {
        var missing = Assert.Throws<HypervisorUriException>(() => Hypervisors.Open("qemu://?accel=tcg&tsc_khz=1000000&netns=actors-none-such"));
        var bad = Assert.Throws<HypervisorUriException>(() => Hypervisors.Open("qemu://?accel=tcg&tsc_khz=1000000&netns=../x"));

        Assert.Contains("'qemu://?accel=tcg&tsc_khz=1000000&netns=actors-none-such' has netns=actors-none-such, but there is no /run/netns/actors-none-such: create the namespace first (ip netns add actors-none-such", missing.Message, StringComparison.Ordinal);
        Assert.Contains("has netns='../x'; a namespace name is letters, digits", bad.Message, StringComparison.Ordinal);
    }

    // A row of /proc/net/tcp: local address 0.0.0.0:port in hex, state 0A (LISTEN).
    private static string Listener(int port) => $"00000000:{port:X4} 00000000:0000 0A";

    private static Task<string> RunAsync(string program, params string[] args) => Commands.RunAsync(program, args);
}

namespace Actors.Hypervisor.Tests.Qemu;

/// <summary>URIs and specs the QEMU driver refuses before starting anything.</summary>
public sealed class QemuDefineTests : IAsyncLifetime
{
    private readonly string _image = Path.Combine(Path.GetTempPath(), $"actors-fake-image-{Guid.NewGuid():N}");
    private readonly IHypervisor _driver = Hypervisors.Open("qemu://?accel=tcg&tsc_khz=1000000");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_image);
        File.WriteAllText(Path.Combine(_image, "vmlinux"), string.Empty);
        File.WriteAllText(Path.Combine(_image, "initrd.img"), string.Empty);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _driver.DisposeAsync();
        Directory.Delete(_image, recursive: true);
    }

    [Fact]
    public void Qemu_uris_open_this_driver_except_libvirts_system_and_session()
    {
        Assert.IsType<QemuHypervisor>(Hypervisors.Open("qemu://?memory=512&vcpus=2&accel=tcg&tsc_khz=1000000"));
        Assert.IsNotType<QemuHypervisor>(Record.Exception(() => Hypervisors.Open("qemu:///system")) ?? new object());
        Assert.IsNotType<QemuHypervisor>(Record.Exception(() => Hypervisors.Open("qemu:///session")) ?? new object());
    }

    [Theory]
    [InlineData("qemu://remote/")]
    [InlineData("qemu:///other")]
    [InlineData("qemu://?accel=hvf")]
    [InlineData("qemu://?tsc_khz=fast")]
    public void A_uri_this_driver_cannot_serve_is_refused_naming_it(string uri)
    {
        var e = Assert.Throws<HypervisorUriException>(() => Hypervisors.Open(uri));

        Assert.Contains($"'{uri}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x';reboot;'", null, null, "network bridge 'x';reboot;'' is not an interface name")]
    [InlineData("br0", "tap,script=/x", null, "network tap 'tap,script=/x' is not an interface name")]
    [InlineData("br0", null, "52:54:00:00:00:01,id=x", "network mac '52:54:00:00:00:01,id=x' is not a unicast MAC")]
    public async Task A_bridge_tap_or_mac_that_could_reach_a_script_or_qemus_options_is_refused(string bridge, string? tap, string? mac, string expected)
    {
        var spec = new DomainSpec { Name = "netcheck", Service = "probe", Image = _image, Network = new NetworkSpec(bridge, tap, mac) };

        var e = await Assert.ThrowsAsync<InvalidDomainSpecException>(() => _driver.DefineAsync(spec));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_without_an_image_or_with_an_incomplete_one_is_refused_naming_the_image()
    {
        var none = await Assert.ThrowsAsync<InvalidDomainSpecException>(() => _driver.DefineAsync(Spec() with { Image = null }));
        File.Delete(Path.Combine(_image, "initrd.img"));
        var partial = await Assert.ThrowsAsync<InvalidDomainSpecException>(() => _driver.DefineAsync(Spec()));

        Assert.Contains("image is empty", none.Message, StringComparison.Ordinal);
        Assert.Contains("has no initrd.img", partial.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_read_only_disk_is_refused()
    {
        var e = await Assert.ThrowsAsync<InvalidDomainSpecException>(() => _driver.DefineAsync(Spec() with { ReadOnlyDisks = ["missing.sqfs"] }));

        Assert.Contains($"'{Path.Combine(_image, "missing.sqfs")}' does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_environment_the_kernel_command_line_cannot_carry_is_refused()
    {
        var quote = await Assert.ThrowsAsync<InvalidDomainSpecException>(() => _driver.DefineAsync(Spec() with { Environment = Env(("SEEDS", "a\"b")) }));
        var many = await Assert.ThrowsAsync<InvalidDomainSpecException>(() => _driver.DefineAsync(Spec() with
        {
            Environment = Env(Enumerable.Range(0, 31).Select(i => ($"K{i}", "v")).ToArray()),
        }));
        var longLine = await Assert.ThrowsAsync<InvalidDomainSpecException>(() => _driver.DefineAsync(Spec() with { Environment = Env(("BIG", new string('x', 2100))) }));

        Assert.Contains("'SEEDS'", quote.Message, StringComparison.Ordinal);
        Assert.Contains("31 entries", many.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2047", longLine.Message, StringComparison.Ordinal);
    }

    private DomainSpec Spec() => new() { Name = "spec-check", Service = "probe", Image = _image };

    private static Dictionary<string, string> Env(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);
}

using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>The contract every driver passes. A subclass says how to open the driver, what it can boot and,
/// where it can, how to make a domain die on its own.</summary>
public abstract class HypervisorContractTests : IAsyncLifetime
{
    private readonly List<IHypervisor> _opened = [];

    /// <summary>A URI this driver refuses, e.g. with a bad query parameter.</summary>
    protected abstract string BadUri { get; }

    /// <summary>Opens the driver with the given capacity (null: unlimited).</summary>
    protected abstract IHypervisor OpenDriver(HostCapacity? capacity);

    /// <summary>A spec this driver can boot, named <paramref name="name"/>.</summary>
    protected abstract DomainSpec Bootable(string name);

    /// <summary>Makes the running domain die without the driver's involvement (kill its process, its VM).</summary>
    protected virtual Task CrashAsync(IHypervisor hypervisor, string name) =>
        throw new SkipException($"{GetType().Name} cannot make a domain die on its own");

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var h in _opened)
        {
            await h.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_defined_domain_is_listed_off_with_its_labels()
    {
        var h = Open();
        var name = Unique("def");
        await h.DefineAsync(Bootable(name) with { Labels = new Dictionary<string, string> { ["owner"] = "sup-1" } });

        var listed = Assert.Single(await h.ListAsync(), d => d.Name == name);

        Assert.Equal(DomainState.Off, listed.State);
        Assert.Equal("sup-1", listed.Labels["owner"]);
        Assert.Equal(Bootable(name).Service, listed.Service);
    }

    [Fact]
    public async Task Boot_then_destroy_then_undefine_reports_defined_started_stopped_undefined_in_order()
    {
        var h = Open();
        using var events = new EventRecorder(h);
        var name = Unique("life");

        await h.DefineAsync(Bootable(name));
        await h.BootAsync(name);
        Assert.Equal(DomainState.Running, (await h.GetAsync(name)).State);
        await h.DestroyAsync(name);
        await events.WaitForAsync(name, DomainEventKind.Stopped);
        await h.UndefineAsync(name);
        await events.WaitForAsync(name, DomainEventKind.Undefined);

        Assert.Equal(
            [DomainEventKind.Defined, DomainEventKind.Started, DomainEventKind.Stopped, DomainEventKind.Undefined],
            events.For(name).Select(e => e.Kind));
        Assert.Equal(StopReason.Destroyed, events.For(name)[2].Reason);
        Assert.DoesNotContain(await h.ListAsync(), d => d.Name == name);
    }

    [Fact]
    public async Task Shutdown_stops_a_running_domain_with_reason_shutdown()
    {
        var h = Open();
        using var events = new EventRecorder(h);
        var name = Unique("down");
        await h.DefineAsync(Bootable(name));
        await h.BootAsync(name);

        await h.ShutdownAsync(name, TimeSpan.FromSeconds(30));

        var stopped = await events.WaitForAsync(name, DomainEventKind.Stopped);
        Assert.Equal(StopReason.Shutdown, stopped.Reason);
        var info = await h.GetAsync(name);
        Assert.Equal(DomainState.Off, info.State);
        Assert.Equal(StopReason.Shutdown, info.LastStop);
    }

    [SkippableFact]
    public async Task A_domain_that_dies_on_its_own_is_reported_crashed()
    {
        var h = Open();
        using var events = new EventRecorder(h);
        var name = Unique("crash");
        await h.DefineAsync(Bootable(name));
        await h.BootAsync(name);

        await CrashAsync(h, name);

        var stopped = await events.WaitForAsync(name, DomainEventKind.Stopped);
        Assert.Equal(StopReason.Crashed, stopped.Reason);
        Assert.Equal(DomainState.Off, (await h.GetAsync(name)).State);
    }

    [Fact]
    public async Task An_unknown_domain_is_a_typed_error_naming_the_uri_and_the_domain()
    {
        var h = Open();
        foreach (var call in new Func<Task>[]
        {
            () => h.BootAsync("nobody"), () => h.DestroyAsync("nobody"), () => h.GetAsync("nobody"),
            () => h.UndefineAsync("nobody"), () => h.ShutdownAsync("nobody", TimeSpan.FromSeconds(1)),
        })
        {
            var e = await Assert.ThrowsAsync<DomainNotFoundException>(call);
            Assert.Contains("'nobody'", e.Message);
            Assert.Contains(h.Uri.Scheme, e.Message);
            Assert.Equal("nobody", e.Domain);
        }
    }

    [Fact]
    public async Task Defining_a_name_twice_is_refused()
    {
        var h = Open();
        var name = Unique("twice");
        await h.DefineAsync(Bootable(name));

        var e = await Assert.ThrowsAsync<DomainExistsException>(() => h.DefineAsync(Bootable(name)));

        Assert.Equal(name, e.Domain);
        Assert.Single(await h.ListAsync(), d => d.Name == name);
    }

    [Fact]
    public async Task Booting_past_the_hosts_capacity_is_refused_and_leaves_the_domain_off()
    {
        var spec = Bootable("probe");
        var h = Open(new HostCapacity(spec.MemoryMiB, spec.VCpus));
        var first = Unique("cap-a");
        var second = Unique("cap-b");
        await h.DefineAsync(Bootable(first));
        await h.DefineAsync(Bootable(second));
        await h.BootAsync(first);

        var e = await Assert.ThrowsAsync<CapacityExhaustedException>(() => h.BootAsync(second));

        Assert.Equal(second, e.Domain);
        Assert.Equal(DomainState.Off, (await h.GetAsync(second)).State);
        await h.DestroyAsync(first);
        await h.BootAsync(second);
        Assert.Equal(DomainState.Running, (await h.GetAsync(second)).State);
    }

    [Fact]
    public async Task Booting_a_running_domain_or_undefining_it_is_refused()
    {
        var h = Open();
        var name = Unique("busy");
        await h.DefineAsync(Bootable(name));
        await h.BootAsync(name);

        await Assert.ThrowsAsync<DomainStateException>(() => h.BootAsync(name));
        await Assert.ThrowsAsync<DomainStateException>(() => h.UndefineAsync(name));
        Assert.Equal(DomainState.Running, (await h.GetAsync(name)).State);
    }

    [Fact]
    public async Task An_invalid_spec_is_refused_naming_the_field()
    {
        var h = Open();

        var badName = await Assert.ThrowsAsync<InvalidDomainSpecException>(() => h.DefineAsync(Bootable("x") with { Name = "Not A Name" }));
        var badMemory = await Assert.ThrowsAsync<InvalidDomainSpecException>(() => h.DefineAsync(Bootable(Unique("mem")) with { MemoryMiB = 0 }));

        Assert.Contains("'Not A Name'", badName.Message);
        Assert.Contains("memoryMiB is 0", badMemory.Message);
    }

    [Fact]
    public void A_bad_uri_is_refused_with_the_uri_in_the_message()
    {
        var e = Assert.Throws<HypervisorUriException>(() => Hypervisors.Open(BadUri, Options()));
        Assert.Contains($"'{BadUri}'", e.Message);
    }

    /// <summary>Options for opening drivers in tests: a private state directory.</summary>
    protected virtual HypervisorOptions Options() => new()
    {
        StateDirectory = Path.Combine(Path.GetTempPath(), "actors-tests", GetType().Name),
    };

    protected IHypervisor Open(HostCapacity? capacity = null)
    {
        var h = OpenDriver(capacity);
        _opened.Add(h);
        return h;
    }

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    protected static string CapacityQuery(HostCapacity? capacity) =>
        capacity is null ? string.Empty : $"?memory={capacity.MemoryMiB}&vcpus={capacity.VCpus}";
}

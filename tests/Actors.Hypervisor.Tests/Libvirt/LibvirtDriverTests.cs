using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>What the libvirt driver promises beyond the contract, on test:///default through the real libvirt.so.</summary>
public sealed class LibvirtDriverTests : IAsyncLifetime
{
    private readonly List<IHypervisor> _opened = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var h in _opened)
        {
            await h.DisposeAsync();
        }
    }

    [Fact]
    public async Task Service_and_labels_are_kept_by_libvirt_and_read_back_by_another_connection()
    {
        var writer = Open();
        var reader = Open();
        var name = Unique("meta");
        var labels = new Dictionary<string, string> { ["owner"] = "sup-1", [Specs.Nasty] = Specs.Nasty, ["blank"] = "  " };
        await writer.DefineAsync(Specs.Node(name) with { Service = Specs.Nasty, Labels = labels });

        var got = await reader.GetAsync(name);
        var listed = Assert.Single(await reader.ListAsync(), d => d.Name == name);

        Assert.Equal(Specs.Nasty, got.Service);
        Assert.Equal(labels.OrderBy(l => l.Key), got.Labels.OrderBy(l => l.Key));
        Assert.Equal(got.Labels.OrderBy(l => l.Key), listed.Labels.OrderBy(l => l.Key));
        Assert.Equal((64, 1), (got.MemoryMiB, got.VCpus));
    }

    [Fact]
    public async Task A_domain_some_other_tool_defined_is_listed_without_service_or_labels()
    {
        var h = Open();

        // test:///default starts with one running domain, "test", defined by libvirt itself.
        var foreign = Assert.Single(await h.ListAsync(), d => d.Name == "test");

        Assert.Equal(string.Empty, foreign.Service);
        Assert.Empty(foreign.Labels);
        Assert.Equal(DomainState.Running, foreign.State);
    }

    [Fact]
    public async Task Events_carry_libvirts_detail_and_last_stop_comes_from_libvirts_shutoff_reason()
    {
        var h = Open();
        using var events = new EventRecorder(h);
        var name = Unique("detail");
        await h.DefineAsync(Specs.Node(name));
        Assert.Null((await h.GetAsync(name)).LastStop);

        await h.BootAsync(name);
        var started = await events.WaitForAsync(name, DomainEventKind.Started);
        await h.DestroyAsync(name);
        var stopped = await events.WaitForAsync(name, DomainEventKind.Stopped);

        Assert.Equal("added", events.For(name)[0].Detail);
        Assert.Equal("booted", started.Detail);
        Assert.Equal((StopReason.Destroyed, "destroyed"), (stopped.Reason, stopped.Detail));
        Assert.Equal(StopReason.Destroyed, (await h.GetAsync(name)).LastStop);
    }

    [Fact]
    public async Task A_crash_behind_the_drivers_back_gives_its_capacity_back()
    {
        var h = Open(new HostCapacity(64, 1));
        using var events = new EventRecorder(h);
        var first = Unique("crash-a");
        var second = Unique("crash-b");
        await h.DefineAsync(Specs.Node(first));
        await h.DefineAsync(Specs.Node(second));
        await h.BootAsync(first);
        await Assert.ThrowsAsync<CapacityExhaustedException>(() => h.BootAsync(second));

        LibvirtTestNative.Crash(LibvirtContractTests.TestUri, first, Path.Combine(Path.GetTempPath(), $"{first}.core"));
        File.Delete(Path.Combine(Path.GetTempPath(), $"{first}.core"));
        var stopped = await events.WaitForAsync(first, DomainEventKind.Stopped);
        await h.BootAsync(second);

        Assert.Equal((StopReason.Crashed, "crashed"), (stopped.Reason, stopped.Detail));
        Assert.Equal(StopReason.Crashed, (await h.GetAsync(first)).LastStop);
        Assert.Equal(DomainState.Running, (await h.GetAsync(second)).State);
    }

    [Fact]
    public async Task A_late_stopped_event_does_not_free_the_capacity_of_the_domain_booted_again()
    {
        var h = Open(new HostCapacity(64, 1));
        using var events = new EventRecorder(h);
        var name = Unique("again");
        var other = Unique("other");
        await h.DefineAsync(Specs.Node(name));
        await h.DefineAsync(Specs.Node(other));

        await h.BootAsync(name);
        await h.DestroyAsync(name);
        await h.BootAsync(name);

        // libvirt delivers in order: once the second start is seen, the first run's stop has been handled.
        await events.WaitForAsync(name, DomainEventKind.Stopped);
        await events.WaitForAsync(name, DomainEventKind.Started);
        await Assert.ThrowsAsync<CapacityExhaustedException>(() => h.BootAsync(other));
    }

    [Fact]
    public async Task Closing_the_driver_leaves_its_domains_running_for_the_next_one_to_find()
    {
        var survivor = Open();
        var h = Hypervisors.Open(LibvirtContractTests.TestUri);
        var name = Unique("keep");
        await h.DefineAsync(Specs.Node(name) with { Labels = new Dictionary<string, string> { ["owner"] = "sup-1" } });
        await h.BootAsync(name);

        await h.DisposeAsync();
        var found = await survivor.GetAsync(name);

        Assert.Equal((DomainState.Running, "sup-1"), (found.State, found.Labels["owner"]));
    }

    [Fact]
    public async Task A_libvirt_refusal_keeps_libvirts_message_in_the_typed_error()
    {
        var h = Open();
        var name = Unique("msg");
        await h.DefineAsync(Specs.Node(name));

        var e = await Assert.ThrowsAsync<DomainStateException>(() => h.DestroyAsync(name));

        Assert.Contains("domain is not running", e.Message);
        Assert.Contains($"'{name}'", e.Message);
    }

    [Fact]
    public void A_connection_libvirt_refuses_is_a_LibvirtException_with_libvirts_code_and_message()
    {
        var file = Path.Combine(Path.GetTempPath(), $"actors-bad-node-{Guid.NewGuid():N}.xml");
        File.WriteAllText(file, "<node><domain type='test'><name>x</name");
        try
        {
            var e = Assert.Throws<LibvirtException>(() => Hypervisors.Open($"test://{file}?memory=1024"));

            Assert.Contains(file, e.LibvirtMessage);
            Assert.Contains("expected '>'", e.LibvirtMessage);
            Assert.Contains(e.LibvirtMessage, e.Message);
            Assert.StartsWith($"test://{file}", e.Message);
            Assert.Equal(35, e.Code); // VIR_ERR_XML_DETAIL
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_invalid_spec_for_the_descriptor_is_refused_before_libvirt_sees_it()
    {
        var h = Open();
        var name = Unique("rel");

        var e = await Assert.ThrowsAsync<InvalidDomainSpecException>(() => h.DefineAsync(Specs.Node(name) with { ReadOnlyDisks = ["relative.img"] }));

        Assert.Contains("not an absolute path", e.Message);
        Assert.DoesNotContain(await h.ListAsync(), d => d.Name == name);
    }

    private IHypervisor Open(HostCapacity? capacity = null)
    {
        var query = capacity is null ? string.Empty : $"?memory={capacity.MemoryMiB}&vcpus={capacity.VCpus}";
        var h = Hypervisors.Open(LibvirtContractTests.TestUri + query);
        _opened.Add(h);
        return h;
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];
}

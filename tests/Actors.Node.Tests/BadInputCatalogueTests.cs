using Actors.Hypervisor;
using Akka.Actor;
using Microsoft.Extensions.Configuration;

namespace Actors.Node.Tests;

/// <summary>One table of bad inputs across the surfaces that exist today. Each must fail with the exception type
/// its API documents and a message that names the input; none may crash the process. A second table sends
/// oversized messages between two real nodes. (The <c>actors</c> command line has its table in
/// tests/Actors.Cli.Tests/BadArgumentTests.)</summary>
public sealed class BadInputCatalogueTests(BadInputCatalogueCluster cluster) : IClassFixture<BadInputCatalogueCluster>
{
    private static readonly SupervisorSpec Root = new(RestartStrategy.OneForOne, ChildSpec.Worker<PongActor>("a"));

    public static TheoryData<BadInput> Rows { get; } = [.. All()];

    /// <summary>Ping texts, given the maximum frame size, whose message cannot fit in one remoting frame.</summary>
    public static TheoryData<OversizedInput> OversizedRows { get; } =
    [
        new("ASCII text one frame long", frame => new string('x', (int)frame)),
        new("ASCII text four frames long", frame => new string('x', (int)frame * 4)),
        // Bytes count, not characters: three quarters of a frame in characters is 1.5 frames in UTF-8.
        new("two-byte characters, fewer than a frame's bytes", frame => new string('é', (int)frame * 3 / 4)),
    ];

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_bad_input_fails_with_a_clear_error_naming_it(BadInput row)
    {
        var e = Assert.ThrowsAny<Exception>(row.Act);

        Assert.IsType(row.Expected, e);
        Assert.Contains(row.Fragment, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OversizedRows))]
    public async Task An_oversized_message_to_another_node_fails_at_once_naming_its_size_and_the_limit(OversizedInput row)
    {
        var frame = cluster.MaximumFrame;
        var ping = new Ping(row.Text(frame));
        var size = cluster.SerializedSize(ping);

        // Far sooner than the Ask's timeout: Akka.Remote alone would drop the message and leave the Ask waiting.
        var e = await Assert.ThrowsAsync<MessageTooLargeException>(() => cluster.ToPong.Ask<Pong>(ping, BadInputCatalogueCluster.Timeout));

        Assert.Equal(size, e.Size);
        Assert.True(e.Limit < frame, $"limit {e.Limit}, frame {frame}");
        Assert.Contains($"Ping for service 'pong' is {size} bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains($"maximum frame size of {frame} bytes", e.Message, StringComparison.Ordinal);
        // The receiving node is still there and answers a normal request.
        var pong = await cluster.ToPong.Ask<Pong>(new Ping("after"), BadInputCatalogueCluster.Timeout);
        Assert.Equal(cluster.Pong.Name, pong.Node);
    }

    [Fact]
    public async Task A_message_exactly_at_the_limit_still_crosses_to_the_other_node()
    {
        var frame = new Ping(new string('x', (int)cluster.MaximumFrame));
        var limit = (await Assert.ThrowsAsync<MessageTooLargeException>(() => cluster.ToPong.Ask<Pong>(frame, BadInputCatalogueCluster.Timeout))).Limit;
        var length = (int)limit - cluster.SerializedSize(new Ping(""));
        // The size grows by one byte a character, plus a byte where the length prefix grows: a few steps at most.
        for (var i = 0; i < 8 && cluster.SerializedSize(new Ping(new string('x', length))) > limit; i++)
        {
            length--;
        }

        var ping = new Ping(new string('x', length));
        Assert.InRange(cluster.SerializedSize(ping), limit - 8, limit);

        var pong = await cluster.ToPong.Ask<Pong>(ping, BadInputCatalogueCluster.Timeout);

        Assert.Equal(length, pong.Text.Length);
        Assert.Equal(cluster.Pong.Name, pong.Node);
    }

    [Fact]
    public void The_catalogue_has_at_least_forty_rows() => Assert.True(Rows.Count + OversizedRows.Count >= 40, $"{Rows.Count} + {OversizedRows.Count} rows");

    private static IEnumerable<BadInput> All()
    {
        foreach (var name in new[] { "Greeter", "greeter_1", "-greeter", "greeter-", "gr eeter", "grüße", "1greeter", "greeter.svc", "../etc", "greeter\n" })
        {
            yield return new("service name", name, typeof(ArgumentException), $"'{name}'", () => ServiceName.Validate(name));
        }

        yield return new("service name", "64 x 'a'", typeof(ArgumentException), "64 characters", () => ServiceName.Validate(new string('a', 64)));
        yield return new("service name", "(empty)", typeof(ArgumentException), "required", () => new ServiceSpec("", Root));
        yield return new("service spec entry", "nope", typeof(ArgumentException), "'nope'", () => new ServiceSpec("svc", Root, entry: "nope"));
        yield return new("scaling", "Fixed(0)", typeof(ArgumentOutOfRangeException), "Actual value was 0", () => Scaling.Fixed(0));
        yield return new("scaling", "OnDemand(0)", typeof(ArgumentOutOfRangeException), "00:00:00", () => Scaling.OnDemand(TimeSpan.Zero));
        yield return new("scaling", "PerTenant(-1s)", typeof(ArgumentOutOfRangeException), "-00:00:01", () => Scaling.PerTenant(TimeSpan.FromSeconds(-1)));
        foreach (var tenant in new[] { "Bad Tenant", "ACME", "a/b" })
        {
            yield return new("service ref tenant", tenant, typeof(ArgumentException), $"'{tenant}'", () => ServiceRef.To(null!, TestServices.Pong(), tenant));
        }

        foreach (var (key, value, fragment) in new[]
        {
            ("node:port", "70000", "node:port is 70000"), ("node:port", "-1", "node:port is -1"), ("node:ordinal", "0", "node:ordinal is 0"),
            ("node:ordinal", "-3", "node:ordinal is -3"), ("node:seeds:0", "http://x:1", "'http://x:1'"), ("node:seeds:0", "not a uri", "'not a uri'"),
            ("node:logLevel", "LOUD", "'LOUD'"), ("node:host", "", "node:host is empty"), ("node:clusterName", "", "node:clusterName is empty"),
        })
        {
            yield return new("configuration", $"{key}={value}", typeof(ArgumentException), fragment,
                () => NodeOptions.Bind(new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build()));
        }

        foreach (var (connection, fragment) in new[] { ("Host=;;=", "is not KEY=VALUE pairs"), ("Database=counter;Username=counter", "names no Host") })
        {
            yield return new("configuration", $"node:persistence:connectionString={connection}", typeof(ArgumentException), $"node:persistence:connectionString {fragment}",
                () => NodeOptions.Bind(new ConfigurationBuilder().AddInMemoryCollection([new("node:persistence:connectionString", connection)]).Build()));
        }

        yield return new("configuration", "node:port=abc", typeof(InvalidOperationException), "'abc'",
            () => NodeOptions.Bind(new ConfigurationBuilder().AddInMemoryCollection([new("node:port", "abc")]).Build()));
        foreach (var (argument, fragment) in new[] { ("--node:port=99999", "node:port is 99999"), ("--node:ordinal=0", "node:ordinal is 0"), ("--node:logLevel=trace", "'trace'") })
        {
            yield return new("command line", argument, typeof(ArgumentException), fragment,
                () => NodeOptions.Bind(new ConfigurationBuilder().AddCommandLine([argument]).Build()));
        }

        foreach (var (uri, fragment) in new[] { ("not a uri", "not a URI"), ("ftp://host/x", "'ftp'"), ("vmware://esx", "'vmware'"), ("http://localhost:80", "'http'") })
        {
            yield return new("driver URI", uri, typeof(HypervisorUriException), fragment, () => Hypervisors.Open(uri));
        }

        // Domain specs through a driver's define (libvirt's in-library test driver: no daemon, nothing started).
        var domain = new DomainSpec { Name = "ok", Service = "svc" };
        foreach (var (input, spec, fragment) in new (string, DomainSpec, string)[]
        {
            ("name 'a/b'", domain with { Name = "a/b" }, "'a/b'"),
            ("name ''", domain with { Name = "" }, "name is empty"),
            ("service ''", domain with { Service = "" }, "service is empty"),
            ("memoryMiB 0", domain with { MemoryMiB = 0 }, "memoryMiB is 0"),
            ("vcpus -1", domain with { VCpus = -1 }, "vcpus is -1"),
            ("environment key 'A B'", domain with { Environment = new Dictionary<string, string> { ["A B"] = "x" } }, "'A B'"),
        })
        {
            yield return new("domain spec", input, typeof(InvalidDomainSpecException), fragment, () => Define(spec));
        }

        yield return new("image manifest", "(no manifest.json)", typeof(InvalidImageException), "no manifest.json", () => ReadManifest(null));
        yield return new("image manifest", "{{{ not json", typeof(InvalidImageException), "not a valid manifest", () => ReadManifest(_ => "{{{ not json"));
        yield return new("image manifest", "null", typeof(InvalidImageException), "is empty", () => ReadManifest(_ => "null"));
        yield return new("image manifest", "format 2", typeof(InvalidImageException), "has format 2", () => ReadManifest(m => (m with { Format = 2 }).ToJson()));
        foreach (var file in new[] { "../x", "/etc/passwd", "layers/runtime.sqfs", ".." })
        {
            yield return new("image manifest layer file", file, typeof(InvalidImageException), $"'{file}'", () => ReadManifest(m => WithLayer(m, file, new string('a', 64))));
        }

        foreach (var sha in new[] { "xyz", new string('A', 64), new string('a', 63) + "g" })
        {
            yield return new("image manifest layer sha", sha, typeof(InvalidImageException), $"'{sha}'", () => ReadManifest(m => WithLayer(m, "runtime.sqfs", sha)));
        }
    }

    private static string WithLayer(ImageManifest manifest, string file, string sha) =>
        (manifest with { Layers = [new ImageLayer(ImageLayer.Runtime, file, sha, 1)] }).ToJson();

    private static ImageManifest ReadManifest(Func<ImageManifest, string>? text)
    {
        var directory = Directory.CreateTempSubdirectory("bad-manifest-");
        try
        {
            if (text is not null)
            {
                var valid = new ImageManifest
                {
                    Service = "svc", Version = "1", KernelCommandLine = "quiet", MemoryMiB = 64, VCpus = 1,
                    Layers = [new ImageLayer(ImageLayer.Runtime, "runtime.sqfs", new string('a', 64), 1)],
                };
                File.WriteAllText(Path.Combine(directory.FullName, ImageManifest.FileName), text(valid));
            }

            return ImageManifest.Read(directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static object? Define(DomainSpec spec)
    {
        using var driver = new DriverScope("test:///default");
        driver.Hypervisor.DefineAsync(spec).GetAwaiter().GetResult();
        return null;
    }

    private sealed class DriverScope(string uri) : IDisposable
    {
        public IHypervisor Hypervisor { get; } = Hypervisors.Open(uri);

        public void Dispose() => Hypervisor.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>One row of the catalogue: which surface, the input, the exception its API documents and a fragment of
/// the message that names the input.</summary>
public sealed record BadInput(string Surface, string Input, Type Expected, string Fragment, Func<object?> Act)
{
    public override string ToString() => $"{Surface}: {Input.ReplaceLineEndings("\\n")}";
}

/// <summary>One oversized-message row: what it is and the Ping text it sends, given the maximum frame size.</summary>
public sealed record OversizedInput(string Name, Func<long, string> Text)
{
    public override string ToString() => Name;
}

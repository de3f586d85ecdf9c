namespace Actors.Images.Tests;

/// <summary>examples/Hello baked once per test run into a fresh store, shared by the tests of
/// <see cref="BakedHelloCollection"/>.</summary>
public sealed class BakedHello : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "actors-tests", $"images-{Guid.NewGuid():N}"[..15]);

    public string Project { get; } = Repository.Path("examples", "Hello", "Hello.csproj");

    public LayerStore Store => new(Path.Combine(_root, "store"));

    public string Output => Path.Combine(_root, "images");

    public BuildResult Result { get; private set; } = null!;

    public BuiltImage Image(string service) => Result.Images.Single(i => i.Manifest.Service == service);

    /// <summary>What the runtime layer's key was computed from in the first build.</summary>
    public string RuntimeInputs { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Result = await ImageBuilder.BuildAsync(new BuildRequest { Project = Project, Output = Output, Store = Store });
        RuntimeInputs = RuntimeLayer.LastInputs;
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>A scratch directory removed with the fixture.</summary>
    public string Scratch()
    {
        var dir = Path.Combine(_root, "scratch", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

[CollectionDefinition(Name)]
public sealed class BakedHelloCollection : ICollectionFixture<BakedHello>
{
    public const string Name = "baked Hello";
}

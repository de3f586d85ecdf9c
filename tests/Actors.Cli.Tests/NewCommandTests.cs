namespace Actors.Cli.Tests;

[Collection(DotnetBuildsCollection.Name)]
public sealed class NewCommandTests : IDisposable
{
    // Inside the repository (under the test's bin), so the new project references src/ as it would in examples/.
    private readonly string _dir = Path.Combine(AppContext.BaseDirectory, $"new-{Guid.NewGuid():N}"[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_new_application_builds_and_runs_its_service_on_two_nodes()
    {
        var created = await Cli.ActorsAsync("new", "Shop", "--out", _dir);
        Assert.True(created.Code == 0, created.Err);
        Assert.True(File.Exists(Path.Combine(_dir, "ShopServices.cs")));

        var run = await Cli.RunAsync("dotnet", ["run", "--project", _dir, "--", "--for", "3s", "--events", "json"]);

        Assert.True(run.Code == 0, run.Out + run.Err);
        Assert.Contains("\"event\":\"node.up\",\"service\":\"shop\",\"node\":\"shop-1@127.0.0.1\"", run.Out);
        Assert.Contains("\"event\":\"node.up\",\"service\":\"shop\",\"node\":\"shop-2@127.0.0.1\"", run.Out);
    }

    [Theory]
    [InlineData("9lives", "'9lives' is not a C# identifier")]
    [InlineData("my-app", "'my-app' is not a C# identifier")]
    public async Task A_bad_name_is_refused_with_exit_2_naming_it(string name, string message)
    {
        var result = await Cli.ActorsAsync("new", name, "--out", _dir);

        Assert.Equal(2, result.Code);
        Assert.Contains(message, result.Err);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public async Task A_directory_that_is_not_empty_is_not_overwritten()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "keep.txt"), "mine");

        var result = await Cli.ActorsAsync("new", "Shop", "--out", _dir);

        Assert.Equal(2, result.Code);
        Assert.Contains("exists and is not empty", result.Err);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(_dir, "keep.txt")));
    }

    [Fact]
    public async Task Every_verb_has_help_with_an_example()
    {
        foreach (var verb in new[] { "new", "run", "build", "verify", "deploy", "ps", "kill", "logs", "top" })
        {
            var result = await Cli.ActorsAsync(verb, "--help");
            Assert.True(result.Code == 0, $"{verb}: {result.Err}");
            Assert.Contains("Example", result.Out);
        }
    }
}

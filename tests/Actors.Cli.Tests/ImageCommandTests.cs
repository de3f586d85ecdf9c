using System.Security.Cryptography;
using System.Text.Json;

namespace Actors.Cli.Tests;

[Collection(DotnetBuildsCollection.Name)]
public sealed class ImageCommandTests : IDisposable
{
    private readonly string _image = Path.Combine(Path.GetTempPath(), "actors-tests", $"verify-{Guid.NewGuid():N}"[..14]);

    public void Dispose()
    {
        if (Directory.Exists(_image))
        {
            Directory.Delete(_image, recursive: true);
        }
    }

    [Fact]
    public async Task Verify_accepts_an_intact_image_and_refuses_a_flipped_byte_with_exit_5_naming_the_layer()
    {
        WriteImage();

        var ok = await Cli.ActorsAsync("verify", _image);
        Assert.True(ok.Code == 0, ok.Err);
        Assert.Contains("ok greeter 1.0.0: 2 layers", ok.Out);

        var path = Path.Combine(_image, "service.sqfs");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[3] ^= 1;
        await File.WriteAllBytesAsync(path, bytes);
        var bad = await Cli.ActorsAsync("verify", _image);

        Assert.Equal(5, bad.Code);
        Assert.Contains("layer 'service' (service.sqfs) has SHA-256", bad.Err);
        Assert.DoesNotContain("   at ", bad.Err);
    }

    [Fact]
    public async Task Verify_of_a_directory_without_a_manifest_says_so()
    {
        Directory.CreateDirectory(_image);

        var result = await Cli.ActorsAsync("verify", _image);

        Assert.Equal(5, result.Code);
        Assert.Contains("no manifest.json: not a baked image", result.Err);
    }

    [Fact]
    public async Task Build_of_a_missing_project_is_a_usage_error_naming_it()
    {
        var result = await Cli.ActorsAsync("build", "/nowhere/App.csproj", "--out", _image);

        Assert.Equal(2, result.Code);
        Assert.Contains("project '/nowhere/App.csproj' does not exist", result.Err);
    }

    private void WriteImage()
    {
        Directory.CreateDirectory(_image);
        var layers = new[] { ("runtime", "runtime.sqfs", "runtime bytes"), ("service", "service.sqfs", "service bytes") }.Select(l =>
        {
            File.WriteAllText(Path.Combine(_image, l.Item2), l.Item3);
            return new { role = l.Item1, file = l.Item2, sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_image, l.Item2)))), size = (long)l.Item3.Length };
        });
        File.WriteAllText(Path.Combine(_image, "manifest.json"), JsonSerializer.Serialize(new
        {
            format = 1, service = "greeter", version = "1.0.0", kernelCommandLine = "quiet", memoryMiB = 256, vCpus = 1, layers,
        }));
    }
}

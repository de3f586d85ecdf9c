using System.Security.Cryptography;

namespace Actors.Images.Tests;

[Collection(BakedHelloCollection.Name)]
public sealed class ReproducibilityTests(BakedHello hello)
{
    [Fact]
    public async Task The_same_tree_packed_twice_at_different_times_and_places_gives_the_same_layer()
    {
        var (a, b) = (Path.Combine(hello.Scratch(), "tree"), Path.Combine(hello.Scratch(), "other-name"));
        foreach (var tree in new[] { a, b })
        {
            Directory.CreateDirectory(Path.Combine(tree, "sub"));
            await File.WriteAllTextAsync(Path.Combine(tree, "app.dll"), "assembly bytes");
            await File.WriteAllTextAsync(Path.Combine(tree, "sub", "data.txt"), "data");
        }

        File.SetLastWriteTimeUtc(Path.Combine(b, "app.dll"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var (first, second) = (Path.Combine(hello.Scratch(), "1.sqfs"), Path.Combine(hello.Scratch(), "2.sqfs"));
        await SquashFs.PackAsync(a, first);
        await SquashFs.PackAsync(b, second);

        Assert.Equal(Hash(first), Hash(second));
    }

    [Fact]
    public async Task Different_content_gives_a_different_layer()
    {
        var tree = hello.Scratch();
        await File.WriteAllTextAsync(Path.Combine(tree, "app.dll"), "one");
        var first = Path.Combine(hello.Scratch(), "1.sqfs");
        await SquashFs.PackAsync(tree, first);
        await File.WriteAllTextAsync(Path.Combine(tree, "app.dll"), "two");
        var second = Path.Combine(hello.Scratch(), "2.sqfs");
        await SquashFs.PackAsync(tree, second);

        Assert.NotEqual(Hash(first), Hash(second));
    }

    [Fact]
    public async Task The_initrd_written_twice_is_the_same_bytes()
    {
        var kernel = InstalledKernel.Find();
        var (first, second) = (Path.Combine(hello.Scratch(), "a.img"), Path.Combine(hello.Scratch(), "b.img"));
        await InitLayer.WriteAsync(kernel, first);
        await InitLayer.WriteAsync(kernel, second);

        Assert.Equal(Hash(first), Hash(second));
        Assert.Equal(Hash(first), hello.Image("greeter").Manifest.Layers.Single(l => l.Role == "init").Sha256);
    }

    private static string Hash(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
}

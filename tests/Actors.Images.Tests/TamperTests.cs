namespace Actors.Images.Tests;

/// <summary>A changed layer is found by <see cref="ImageVerifier"/> and refused by the QEMU driver. The image is
/// copied first: its files are hard links into the store.</summary>
[Collection(BakedHelloCollection.Name)]
public sealed class TamperTests(BakedHello hello)
{
    [Fact]
    public async Task Flipping_one_byte_of_a_layer_fails_verification_naming_the_layer()
    {
        var copy = Copy(hello.Image("greeter").Directory);
        Flip(Path.Combine(copy, "service.sqfs"), offset: 100);

        var e = await Assert.ThrowsAsync<InvalidImageException>(() => ImageVerifier.VerifyAsync(copy));

        Assert.Contains("layer 'service' (service.sqfs) has SHA-256", e.Message);
        Assert.DoesNotContain("runtime", e.Message);
    }

    [Fact]
    public async Task A_truncated_layer_fails_verification_with_its_size()
    {
        var copy = Copy(hello.Image("greeter").Directory);
        await using (var file = File.OpenWrite(Path.Combine(copy, "initrd.img")))
        {
            file.SetLength(file.Length / 2);
        }

        var e = await Assert.ThrowsAsync<InvalidImageException>(() => ImageVerifier.VerifyAsync(copy));

        Assert.Contains("layer 'init' (initrd.img) is", e.Message);
        Assert.Contains("the manifest says", e.Message);
    }

    [Fact]
    public async Task The_qemu_driver_refuses_to_boot_an_image_whose_layer_was_changed()
    {
        var copy = Copy(hello.Image("greeter").Directory);
        var state = hello.Scratch();
        await using var driver = Hypervisors.Open("qemu://", new HypervisorOptions { StateDirectory = state });
        await driver.DefineAsync(new DomainSpec { Name = "tampered", Service = "greeter", Image = copy, MemoryMiB = 256 });
        Flip(Path.Combine(copy, "runtime.sqfs"), offset: 4096);

        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => driver.BootAsync("tampered"));

        Assert.Contains("refused to boot", e.Message);
        Assert.Contains("layer 'runtime' (runtime.sqfs)", e.Message);
        Assert.Equal(DomainState.Off, (await driver.GetAsync("tampered")).State);
    }

    [Fact]
    public async Task The_libvirt_driver_refuses_to_boot_an_image_whose_layer_was_changed_and_boots_it_once_restored()
    {
        var copy = Copy(hello.Image("greeter").Directory);
        await using var driver = Hypervisors.Open("test:///default");
        await driver.DefineAsync(new DomainSpec { Name = "tampered-libvirt", Service = "greeter", Image = copy, MemoryMiB = 256 });
        var service = Path.Combine(copy, "service.sqfs");
        Flip(service, offset: 10);

        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => driver.BootAsync("tampered-libvirt"));
        Assert.Contains("layer 'service' (service.sqfs)", e.Message);
        Assert.Equal(DomainState.Off, (await driver.GetAsync("tampered-libvirt")).State);

        Flip(service, offset: 10);
        await driver.BootAsync("tampered-libvirt");
        Assert.Equal(DomainState.Running, (await driver.GetAsync("tampered-libvirt")).State);
        await driver.DestroyAsync("tampered-libvirt");
        await driver.UndefineAsync("tampered-libvirt");
    }

    [Fact]
    public async Task A_manifest_naming_a_file_outside_the_image_is_refused()
    {
        var copy = Copy(hello.Image("greeter").Directory);
        var manifest = Path.Combine(copy, ImageManifest.FileName);
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("\"service.sqfs\"", "\"../service.sqfs\""));

        var e = await Assert.ThrowsAsync<InvalidImageException>(() => ImageVerifier.VerifyAsync(copy));

        Assert.Contains("'../service.sqfs', which is not a file name inside the image", e.Message);
    }

    private string Copy(string image)
    {
        var copy = hello.Scratch();
        foreach (var file in Directory.GetFiles(image))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    private static void Flip(string file, long offset)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0xFF));
    }
}

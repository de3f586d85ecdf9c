using System.Diagnostics;
using Xunit.Abstractions;

namespace Actors.Images.Tests;

[Collection(BakedHelloCollection.Name)]
public sealed class ImageBuildTests(BakedHello hello, ITestOutputHelper output)
{
    [Fact]
    public void Each_service_gets_an_image_whose_service_layer_is_at_most_1_MiB_and_whose_runtime_layer_is_shared()
    {
        Assert.Equal(["front", "greeter"], hello.Result.Images.Select(i => i.Manifest.Service).Order());
        foreach (var image in hello.Result.Images)
        {
            var layers = image.Manifest.Layers.ToDictionary(l => l.Role);
            output.WriteLine($"{image.Manifest.Service}: {string.Join(", ", image.Manifest.Layers.Select(l => $"{l.Role} {l.Size / 1024.0:0.0} KiB"))}, total {image.Size / 1048576.0:0.0} MiB");
            Assert.Equal(["kernel", "init", "runtime", "service"], image.Manifest.Layers.Select(l => l.Role));
            Assert.InRange(layers["service"].Size, 1, 1 << 20);
            Assert.All(image.Manifest.Layers, l => Assert.Equal(l.Size, new FileInfo(Path.Combine(image.Directory, l.File)).Length));
            Assert.Equal($"quiet ACTORS_SERVICE={image.Manifest.Service}", image.Manifest.KernelCommandLine);
        }

        // One runtime layer, kernel and init for every service: the store holds each once.
        Assert.Single(hello.Result.Images.Select(i => i.Manifest.Layers.Single(l => l.Role == "runtime").Sha256).Distinct());
        Assert.Single(hello.Result.Images.Select(i => i.Manifest.Layers.Single(l => l.Role == "kernel").Sha256).Distinct());
    }

    [Fact]
    public async Task A_rebuild_with_the_same_inputs_reuses_the_runtime_layer_and_gives_the_same_hashes()
    {
        var first = hello.RuntimeInputs;
        var again = await ImageBuilder.BuildAsync(new BuildRequest { Project = hello.Project, Output = hello.Scratch(), Store = hello.Store, Service = "greeter" });

        Assert.True(again.RuntimeReused, string.Join('\n', RuntimeLayer.LastInputs.Split('\n').Except(first.Split('\n'))));
        var image = Assert.Single(again.Images);
        Assert.Equal(hello.Image("greeter").Manifest.Layers, image.Manifest.Layers);
    }

    [Fact]
    public async Task The_image_verifies_and_its_descriptors_name_its_layers()
    {
        var image = hello.Image("greeter");
        var manifest = await ImageVerifier.VerifyAsync(image.Directory);

        Assert.Equal(image.Manifest.Layers, manifest.Layers);
        var xen = await File.ReadAllTextAsync(Path.Combine(image.Directory, "domain-xen.xml"));
        Assert.Contains(Path.Combine(image.Directory, "runtime.sqfs"), xen);
        Assert.Contains(Path.Combine(image.Directory, "service.sqfs"), xen);
        Assert.Contains("ACTORS_SERVICE=greeter", xen);
        Assert.Contains("service.sqfs", await File.ReadAllTextAsync(Path.Combine(image.Directory, "xl.cfg")));
        if (File.Exists("/usr/bin/virt-xml-validate"))
        {
            foreach (var file in new[] { "domain-xen.xml", "domain-qemu.xml" })
            {
                using var validate = Process.Start(new ProcessStartInfo("virt-xml-validate", [Path.Combine(image.Directory, file), "domain"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var errors = await validate.StandardError.ReadToEndAsync();
                await validate.WaitForExitAsync();
                Assert.True(validate.ExitCode == 0, $"{file}: {errors}");
            }
        }
    }

    [Fact]
    public async Task An_unknown_service_is_refused_naming_the_services()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            ImageBuilder.BuildAsync(new BuildRequest { Project = hello.Project, Output = hello.Scratch(), Store = hello.Store, Service = "nope" }));

        Assert.Contains("'nope'", e.Message);
        Assert.Contains("greeter", e.Message);
    }

    [Fact]
    public async Task A_missing_project_is_refused_naming_it()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            ImageBuilder.BuildAsync(new BuildRequest { Project = "/nowhere/App.csproj", Output = hello.Scratch(), Store = hello.Store }));

        Assert.Contains("'/nowhere/App.csproj' does not exist", e.Message);
    }
}

using Actors.Hypervisor;
using Actors.Images;

namespace Actors.Benchmarks;

/// <summary><c>image</c>: bakes examples/Hello from a fresh copy of the sources (nothing built, an empty store),
/// then changes one line of the greeter and bakes again: the per-service layer's size against the whole image,
/// the store's size against unshared images, and the rebuild's time against the clean build's.</summary>
public sealed class ImageScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "image";

    /// <inheritdoc />
    public string Description => "bake Hello clean, change one line, bake again: service layer <= 1 MiB, rebuild <= 20% of a clean build";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Measurement>> RunAsync(Action<string> progress)
    {
        var root = Path.Combine(Path.GetTempPath(), $"actors-bench-image-{Guid.NewGuid():N}"[..28]);
        try
        {
            progress($"copying the sources to {root} (no bin/obj), so the clean build starts from nothing");
            var source = Actors.TestSupport.Repository.Root;
            foreach (var dir in new[] { "src/Actors", "src/Actors.Node", "src/Actors.NodeHost", "examples/Hello" })
            {
                CopySources(Path.Combine(source, dir), Path.Combine(root, dir));
            }

            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
            {
                File.Copy(Path.Combine(source, file), Path.Combine(root, file));
            }

            var request = new BuildRequest
            {
                Project = Path.Combine(root, "examples/Hello/Hello.csproj"),
                Output = Path.Combine(root, "images"),
                Store = new LayerStore(Path.Combine(root, "store")),
            };
            progress("clean build (publishes the runtime self-contained and ReadyToRun)");
            var clean = await ImageBuilder.BuildAsync(request, s => progress($"  {s}"));

            var greeter = Path.Combine(root, "examples/Hello/Greeter.cs");
            var text = await File.ReadAllTextAsync(greeter);
            await File.WriteAllTextAsync(greeter, text.Replace("$\"Hello, {g.Name}!\"", "$\"Hello again, {g.Name}!\"", StringComparison.Ordinal));
            progress("one line of Greeter.cs changed; rebuild");
            var again = await ImageBuilder.BuildAsync(request, s => progress($"  {s}"));
            if (!again.RuntimeReused)
            {
                throw new InvalidOperationException("the rebuild did not reuse the runtime layer");
            }

            var image = again.Images.Single(i => i.Manifest.Service == "greeter");
            var service = image.Manifest.Layers.Single(l => l.Role == ImageLayer.ServiceRole).Size / 1024.0;
            var runtime = image.Manifest.Layers.Single(l => l.Role == ImageLayer.Runtime).Size / 1048576.0;
            progress($"runtime layer {runtime:F1} MiB, service layer {service:F1} KiB, image {image.Size / 1048576.0:F1} MiB; " +
                $"clean {clean.Elapsed.TotalSeconds:F1} s, rebuild {again.Elapsed.TotalSeconds:F1} s");
            var stored = Directory.GetFiles(Path.Combine(root, "store", "sha256")).Where(f => !f.EndsWith(".files", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);
            var unshared = again.Images.Sum(i => i.Size);
            return
            [
                new Measurement("greeter service layer", "KiB", service, "whole greeter image", image.Size / 1024.0, "<= 1024 KiB"),
                new Measurement($"store after 2 builds of {again.Images.Count} services", "MiB", stored / 1048576.0, "the images unshared", unshared / 1048576.0, "<= 0.6"),
                new Measurement("rebuild after a one-line change", "s", again.Elapsed.TotalSeconds, "clean build", clean.Elapsed.TotalSeconds, "<= 0.2"),
            ];
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopySources(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}

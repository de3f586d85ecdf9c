using System.Diagnostics;

namespace Actors.Images;

/// <summary>Bakes an application's services into images: the shared runtime layer and the kernel come from the
/// store when their inputs have not changed; the service layer, the init and each service's directory
/// (manifest, layers linked from the store, domain descriptors) are made every time.</summary>
public static class ImageBuilder
{
    /// <summary>Builds the images <paramref name="request"/> asks for, reporting each step to
    /// <paramref name="step"/>; throws <see cref="ArgumentException"/> for bad input (no project, unknown service,
    /// missing tools) and <see cref="InvalidOperationException"/> when a tool fails.</summary>
    public static async Task<BuildResult> BuildAsync(BuildRequest request, Action<string>? step = null, CancellationToken cancellationToken = default)
    {
        step ??= _ => { };
        var clock = Stopwatch.StartNew();
        var project = ProjectFile(request.Project);
        var store = request.Store ?? LayerStore.Default();
        var kernel = InstalledKernel.Find(request.Kernel);
        var nodeHost = request.NodeHostProject ?? FindNodeHost(project);

        step("runtime layer");
        var runtime = await RuntimeLayer.BuildAsync(nodeHost, store, step, cancellationToken);
        var service = await ServiceLayer.BuildAsync(project, runtime.AppFiles, store, step, cancellationToken);
        var services = request.Service is null ? service.Services
            : service.Services.Where(s => s.Name == request.Service).ToList() is { Count: 1 } one ? one
            : throw new ArgumentException($"--service '{request.Service}' is not a service of {Path.GetFileName(project)}; services: {string.Join(", ", service.Services.Select(s => s.Name))}");

        step($"kernel {kernel.Version}");
        var vmlinux = await KernelFile.BuildAsync(kernel, store, cancellationToken);
        step("init");
        var init = await InitFile.BuildAsync(kernel, store, cancellationToken);

        var layers = new[]
        {
            new ImageLayer(ImageLayer.Kernel, ImageLayout.KernelFile, vmlinux.Sha256, vmlinux.Size),
            new ImageLayer(ImageLayer.Init, ImageLayout.InitrdFile, init.Sha256, init.Size),
            new ImageLayer(ImageLayer.Runtime, "runtime.sqfs", runtime.Sha256, runtime.Size),
            new ImageLayer(ImageLayer.ServiceRole, "service.sqfs", service.Sha256, service.Size),
        };
        var images = new List<BuiltImage>();
        foreach (var spec in services)
        {
            step($"image {spec.Name}");
            images.Add(ImageDirectory.Write(Path.Combine(Path.GetFullPath(request.Output), spec.Name), spec, service.Version, layers, store));
        }

        return new BuildResult(images, runtime.Reused, clock.Elapsed);
    }

    private static string ProjectFile(string path)
    {
        if (File.Exists(path) && path.EndsWith("proj", StringComparison.Ordinal))
        {
            return Path.GetFullPath(path);
        }

        if (Directory.Exists(path) && Directory.GetFiles(path, "*.csproj") is [var only])
        {
            return Path.GetFullPath(only);
        }

        throw new ArgumentException(Directory.Exists(path)
            ? $"project directory '{path}' holds {Directory.GetFiles(path, "*.csproj").Length} .csproj files; name one"
            : $"project '{path}' does not exist");
    }

    // The node host is published from source: look for src/Actors.NodeHost from the project and from this program up.
    private static string FindNodeHost(string project)
    {
        foreach (var start in new[] { Path.GetDirectoryName(project)!, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "Actors.NodeHost", "Actors.NodeHost.csproj");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new ArgumentException("cannot find src/Actors.NodeHost/Actors.NodeHost.csproj above the project or the actors tool; pass --node-host");
    }
}

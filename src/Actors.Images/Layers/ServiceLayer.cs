using System.Diagnostics;

namespace Actors.Images;

/// <summary>A service layer: the application's own assemblies (its publish output less everything the runtime
/// layer already has), packed as squashfs, and the services its <see cref="IServiceCatalog"/> declares.</summary>
internal static class ServiceLayer
{
    public static async Task<ServiceLayerBuild> BuildAsync(string project, IReadOnlyCollection<string> runtimeFiles, LayerStore store, Action<string> step, CancellationToken cancellationToken)
    {
        var scratch = store.Scratch();
        try
        {
            var published = Path.Combine(scratch, "publish");
            step($"publishing {Path.GetFileName(project)}");
            await Dotnet.PublishAsync(project, published,
                ["-p:UseAppHost=false", "-p:GenerateDocumentationFile=false", "-p:DebugType=none", "-p:SatelliteResourceLanguages=en"], cancellationToken);

            var runtime = new HashSet<string>(runtimeFiles, StringComparer.Ordinal);
            var tree = Path.Combine(scratch, "tree");
            Directory.CreateDirectory(tree);
            var own = Directory.GetFiles(published)
                .Where(f => (f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".so", StringComparison.Ordinal)) && !runtime.Contains(Path.GetFileName(f)))
                .ToList();
            foreach (var file in own)
            {
                File.Copy(file, Path.Combine(tree, Path.GetFileName(file)));
            }

            step("reading the service catalog");
            var services = ServiceCatalogs.Load(tree, new ServiceLoadContext(tree, collectible: true));
            var version = own.Select(f => FileVersionInfo.GetVersionInfo(f)).FirstOrDefault(v =>
                string.Equals(Path.GetFileNameWithoutExtension(v.FileName), Path.GetFileNameWithoutExtension(project), StringComparison.Ordinal))?.ProductVersion ?? "0.0.0";

            step("packing the service layer (squashfs, lz4)");
            var packed = Path.Combine(scratch, "service.sqfs");
            await SquashFs.PackAsync(tree, packed, cancellationToken);
            var (hash, size) = await store.PutAsync(packed, cancellationToken);
            return new ServiceLayerBuild(hash, size, services, version, [.. own.Select(Path.GetFileName)!]);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}

/// <summary>A service layer in the store and what it declares.</summary>
/// <param name="Sha256">Its hash.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Services">The services of its catalog.</param>
/// <param name="Version">The application's version.</param>
/// <param name="Files">The files in it.</param>
internal sealed record ServiceLayerBuild(string Sha256, long Size, IReadOnlyList<ServiceSpec> Services, string Version, IReadOnlyList<string> Files);

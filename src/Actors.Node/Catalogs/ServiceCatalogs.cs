using System.Reflection;
using System.Runtime.Loader;

namespace Actors.Node;

/// <summary>Finds an application's services in a directory of its assemblies: every public
/// <see cref="IServiceCatalog"/> class in them, the first one found by file name order.</summary>
public static class ServiceCatalogs
{
    /// <summary>The services of the catalog in <paramref name="directory"/>, loaded into the default context (so
    /// that type names in configuration, such as serialization bindings, resolve to them); throws
    /// <see cref="ArgumentException"/> saying what is missing when there is no directory, no assembly or no catalog.</summary>
    public static IReadOnlyList<ServiceSpec> Load(string directory)
    {
        var full = Path.GetFullPath(directory);
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            File.Exists(Path.Combine(full, $"{name.Name}.dll")) ? context.LoadFromAssemblyPath(Path.Combine(full, $"{name.Name}.dll")) : null;
        return Load(directory, AssemblyLoadContext.Default);
    }

    /// <summary>The services of the catalog in <paramref name="directory"/>, loaded into <paramref name="context"/>
    /// (a collectible <see cref="ServiceLoadContext"/> for a program that only reads the catalog).</summary>
    public static IReadOnlyList<ServiceSpec> Load(string directory, AssemblyLoadContext context)
    {
        if (!Directory.Exists(directory))
        {
            throw new ArgumentException($"service directory '{directory}' does not exist");
        }

        var files = Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new ArgumentException($"service directory '{directory}' holds no assembly (*.dll)");
        }

        foreach (var file in files)
        {
            var assembly = LoadOrNull(context, file);
            var catalog = assembly?.GetExportedTypes().FirstOrDefault(t =>
                t is { IsClass: true, IsAbstract: false } && typeof(IServiceCatalog).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null);
            if (catalog is not null)
            {
                return ((IServiceCatalog)Activator.CreateInstance(catalog)!).Services;
            }
        }

        throw new ArgumentException(
            $"no service catalog in '{directory}': the application needs a public class implementing {nameof(IServiceCatalog)} with a parameterless constructor");
    }

    // Native or reference-only files ending in .dll are skipped, as is an assembly the host already has.
    private static Assembly? LoadOrNull(AssemblyLoadContext context, string file)
    {
        try
        {
            var name = AssemblyName.GetAssemblyName(file);
            return context.LoadFromAssemblyName(name);
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }
}

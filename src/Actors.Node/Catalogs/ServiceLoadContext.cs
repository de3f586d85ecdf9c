using System.Reflection;
using System.Runtime.Loader;

namespace Actors.Node;

/// <summary>Loads an application's assemblies from a directory (an image's service layer) beside the host's own:
/// every assembly the host already provides (Actors, Akka, the .NET libraries) comes from the host, so the
/// application's <see cref="ServiceSpec"/>s and actors are the host's types; only what the host lacks is read
/// from the directory.</summary>
public sealed class ServiceLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    /// <summary>A context reading from <paramref name="directory"/>; collectible ones can be unloaded (the baker
    /// reads a catalog and lets it go).</summary>
    public ServiceLoadContext(string directory, bool collectible = false)
        : base($"services:{directory}", collectible)
    {
        _directory = Path.GetFullPath(directory);
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        try
        {
            return Default.LoadFromAssemblyName(assemblyName);
        }
        catch (FileNotFoundException)
        {
            var path = Path.Combine(_directory, $"{assemblyName.Name}.dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    /// <inheritdoc />
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = Path.Combine(_directory, unmanagedDllName);
        return File.Exists(path) ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}

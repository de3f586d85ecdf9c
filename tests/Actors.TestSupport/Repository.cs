namespace Actors.TestSupport;

/// <summary>Paths in this repository, found from the running binaries upwards (the directory holding Actors.sln).</summary>
public static class Repository
{
    /// <summary>The repository's root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the repository, e.g. <c>Path("examples", "Hello")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Actors.sln not found above {AppContext.BaseDirectory}");
    }
}

namespace Actors.Supervision.Tests.Chaos;

/// <summary>Finds this user's OS processes that belong to one cluster: those whose environment names it in
/// <c>ACTORS_NODE__CLUSTERNAME</c>, as every node the supervisor launches does.</summary>
public static class ClusterProcesses
{
    /// <summary>The live processes of cluster <paramref name="clusterName"/>, as "pid: command line".</summary>
    public static IReadOnlyList<string> Of(string clusterName)
    {
        var marker = $"ACTORS_NODE__CLUSTERNAME={clusterName}";
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(directory, "environ")).Split('\0');
                if (environment.Contains(marker, StringComparer.Ordinal))
                {
                    found.Add($"{pid}: {File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim()}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that exited while we looked.
            }
        }

        return found;
    }
}

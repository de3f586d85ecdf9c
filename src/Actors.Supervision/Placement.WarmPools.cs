namespace Actors.Supervision;

/// <summary>Starting each host's warm shells.</summary>
public sealed partial class Placement
{
    /// <summary>Starts a <see cref="WarmPool"/> on every host whose spec asks for warm shells, launched as
    /// <paramref name="launch"/> launches nodes, labelled as cluster <paramref name="clusterName"/>'s.</summary>
    public void StartWarmPools(NodeLaunch launch, string clusterName, Action<RuntimeEvent>? report = null)
    {
        foreach (var host in _hosts.Where(h => h.Spec.WarmShells > 0 && h.Pool is null))
        {
            host.Pool = new WarmPool(host, host.Spec.WarmShells, (name, port) => launch.Shell(name, port, clusterName), report);
            host.Pool.Start();
        }
    }
}

namespace Actors.Supervision;

/// <summary>What a <see cref="HostLossDrill"/> measured.</summary>
/// <param name="Nodes">Nodes the supervisor ran.</param>
/// <param name="Hosts">Simulated hosts.</param>
/// <param name="LostHosts">Hosts lost at once.</param>
/// <param name="Rescheduled">Nodes that were on the lost hosts, each of which had to be restarted elsewhere.</param>
/// <param name="Restarts">Node restarts the supervisor made after the loss (more than <paramref name="Rescheduled"/>
/// when a restart first landed on a lost host not yet known to be lost).</param>
/// <param name="Convergence">Virtual time from the loss to the last replacement domain running.</param>
/// <param name="RecoveryCpu">Process CPU time (all threads) from the loss until every replacement was booted.</param>
/// <param name="RecoveryWall">Real time for the same.</param>
/// <param name="PlacementCpu">Process CPU time to start and place every node at first.</param>
/// <param name="PlacementWall">Real time for the same.</param>
/// <param name="Running">Domains running on live hosts at the end, as their drivers list them.</param>
/// <param name="Duplicates">Domain names running on more than one live host at the end.</param>
/// <param name="OnLostHosts">Nodes the supervisor's table still places on a lost host at the end.</param>
public sealed record HostLossReport(
    int Nodes,
    int Hosts,
    int LostHosts,
    int Rescheduled,
    int Restarts,
    TimeSpan Convergence,
    TimeSpan RecoveryCpu,
    TimeSpan RecoveryWall,
    TimeSpan PlacementCpu,
    TimeSpan PlacementWall,
    int Running,
    int Duplicates,
    int OnLostHosts);

namespace Actors.Hypervisor;

/// <summary>A driver that keeps each domain's output in a file on this machine: a process's stdout and stderr,
/// a VM's serial console. <c>actors logs</c> reads it through the supervisor.</summary>
public interface IDomainLogs
{
    /// <summary>The log file of domain <paramref name="name"/> (it may not exist yet).</summary>
    string LogPath(string name);
}

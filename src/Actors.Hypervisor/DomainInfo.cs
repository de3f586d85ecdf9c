namespace Actors.Hypervisor;

/// <summary>A domain as the hypervisor sees it now.</summary>
/// <param name="Name">Domain name.</param>
/// <param name="Service">Service of the node it runs.</param>
/// <param name="State">Whether it runs.</param>
/// <param name="MemoryMiB">Memory in MiB.</param>
/// <param name="VCpus">Virtual CPUs.</param>
/// <param name="Labels">The labels it was defined with.</param>
/// <param name="LastStop">Why it last stopped, if it has run and stopped.</param>
public sealed record DomainInfo(
    string Name,
    string Service,
    DomainState State,
    int MemoryMiB,
    int VCpus,
    IReadOnlyDictionary<string, string> Labels,
    StopReason? LastStop = null);

/// <summary>Whether a domain runs.</summary>
public enum DomainState
{
    /// <summary>Defined, not running.</summary>
    Off,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Asked to shut down, not yet stopped.</summary>
    ShuttingDown,
}

/// <summary>Why a domain stopped.</summary>
public enum StopReason
{
    /// <summary>It died without being asked: a crash, a kill from outside, its host lost.</summary>
    Crashed,

    /// <summary>It was destroyed through the driver (or after a shutdown timed out).</summary>
    Destroyed,

    /// <summary>It shut down: asked to, or it powered itself off cleanly.</summary>
    Shutdown,
}

namespace Actors;

/// <summary>When a terminated child is restarted.</summary>
public enum RestartType
{
    /// <summary>Always restarted.</summary>
    Permanent,

    /// <summary>Restarted only after an abnormal exit (not normal, shutdown or {shutdown, Term}).</summary>
    Transient,

    /// <summary>Never restarted, not even when a sibling's death terminates it; its spec is then removed.</summary>
    Temporary,
}

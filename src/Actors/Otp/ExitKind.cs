namespace Actors;

/// <summary>The kinds of exit reason an Erlang process can have, as far as supervision cares.</summary>
public enum ExitKind
{
    /// <summary>The actor finished its work (<c>normal</c>).</summary>
    Normal,

    /// <summary>Ordered to stop (<c>shutdown</c> or <c>{shutdown, Term}</c>); counts as normal for transient children.</summary>
    Shutdown,

    /// <summary>The untrappable exit signal <c>kill</c>; the receiver dies with <see cref="Killed"/>.</summary>
    Kill,

    /// <summary>Stopped unconditionally (<c>killed</c>), e.g. by a brutal_kill shutdown.</summary>
    Killed,

    /// <summary>The actor did not exist when it was linked or monitored (<c>noproc</c>).</summary>
    NoProc,

    /// <summary>The node that hosted the actor became unreachable (<c>noconnection</c>).</summary>
    NoConnection,

    /// <summary>The actor crashed: an exception escaped its message handler.</summary>
    Error,
}

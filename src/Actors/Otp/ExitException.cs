namespace Actors;

/// <summary>Thrown to exit the current actor with a chosen reason (Erlang's <c>exit(Reason)</c>).</summary>
public sealed class ExitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExitException(ExitReason reason)
        : base($"exit: {reason}") => Reason = reason;

    /// <summary>The exit reason to report to links, monitors and the supervisor.</summary>
    public ExitReason Reason { get; }
}

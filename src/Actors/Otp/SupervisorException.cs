namespace Actors;

/// <summary>A supervisor refused a command, e.g. <c>already_started</c> or <c>not_found</c>.</summary>
public sealed class SupervisorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SupervisorException(string error, string message)
        : base(message) => Error = error;

    /// <summary>OTP's error atom: already_started, already_present, not_found, running, restarting,
    /// simple_one_for_one, or a start failure.</summary>
    public string Error { get; }
}

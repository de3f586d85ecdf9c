namespace Actors;

/// <summary>Why an actor exited, with Erlang's meaning: only <c>normal</c>, <c>shutdown</c> and
/// <c>{shutdown, Term}</c> are normal exits; anything else is abnormal.</summary>
/// <param name="Kind">The kind of exit.</param>
/// <param name="Detail">The term of <c>{shutdown, Term}</c> or the message of an error.</param>
public sealed record ExitReason(ExitKind Kind, string? Detail = null)
{
    /// <summary>The exception that caused an <see cref="ExitKind.Error"/> exit, if any.</summary>
    public Exception? Exception { get; init; }

    /// <summary><c>normal</c>.</summary>
    public static ExitReason Normal { get; } = new(ExitKind.Normal);

    /// <summary><c>shutdown</c>.</summary>
    public static ExitReason Shutdown { get; } = new(ExitKind.Shutdown);

    /// <summary>The untrappable signal <c>kill</c>.</summary>
    public static ExitReason Kill { get; } = new(ExitKind.Kill);

    /// <summary><c>killed</c>.</summary>
    public static ExitReason Killed { get; } = new(ExitKind.Killed);

    /// <summary><c>noproc</c>.</summary>
    public static ExitReason NoProc { get; } = new(ExitKind.NoProc);

    /// <summary><c>noconnection</c>.</summary>
    public static ExitReason NoConnection { get; } = new(ExitKind.NoConnection);

    /// <summary><c>{shutdown, Term}</c>: a normal exit that carries a reason.</summary>
    public static ExitReason ShutdownWith(string term) => new(ExitKind.Shutdown, term);

    /// <summary>A crash caused by <paramref name="exception"/>.</summary>
    public static ExitReason Error(Exception exception) =>
        exception is ExitException exit
            ? exit.Reason
            : new(ExitKind.Error, $"{exception.GetType().Name}: {exception.Message}") { Exception = exception };

    /// <summary><c>{noconnection, Detail}</c>: lost with the machine it ran on, e.g. a node whose host was lost.</summary>
    public static ExitReason NoConnectionWith(string detail) => new(ExitKind.NoConnection, detail);

    /// <summary>An abnormal exit with a reason of the caller's choosing.</summary>
    public static ExitReason Error(string reason) => new(ExitKind.Error, reason);

    /// <summary>True for <c>normal</c>, <c>shutdown</c> and <c>{shutdown, Term}</c>: the exits after which
    /// a transient child is not restarted.</summary>
    public bool IsNormal => Kind is ExitKind.Normal or ExitKind.Shutdown;

    /// <inheritdoc />
    public override string ToString() => (Kind, Detail) switch
    {
        (ExitKind.Shutdown, not null) => $"{{shutdown,{Detail}}}",
        (ExitKind.Error, not null) => Detail,
        (ExitKind.NoConnection, not null) => $"{{noconnection,{Detail}}}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

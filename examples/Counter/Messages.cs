namespace Counter;

/// <summary>Adds one to the counter; answered with <see cref="Counted"/> once the increment is in the journal.</summary>
public sealed record Increment
{
    public static Increment Instance { get; } = new();
}

/// <summary>Asks for the counter's value; answered with <see cref="Counted"/>.</summary>
public sealed record GetCount
{
    public static GetCount Instance { get; } = new();
}

/// <summary>The counter's value after the request it answers.</summary>
public sealed record Counted(long Value);

/// <summary>The journal's event: the counter went up by one.</summary>
public sealed record Incremented
{
    public static Incremented Instance { get; } = new();
}

namespace PerRequest;

/// <summary>What the demo does: how many requests, on which driver (<c>--requests</c>, <c>--driver</c>).</summary>
public sealed record RequestSettings(int Requests, string Driver)
{
    /// <summary>The drivers that run a node from this program: in this process, or as a child process.</summary>
    public static readonly IReadOnlyList<string> Drivers = ["inproc://", "process://"];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public RequestSettings Validate() => this switch
    {
        { Requests: < 1 or > 1000 } => throw new ArgumentException($"--requests is {Requests}; give 1 to 1000"),
        _ when !Drivers.Contains(Driver) => throw new ArgumentException($"--driver is '{Driver}'; this demo boots nodes on {string.Join(" or ", Drivers)}"),
        _ => this,
    };
}

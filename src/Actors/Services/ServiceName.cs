using System.Text.RegularExpressions;

namespace Actors;

/// <summary>Checks service names. A service name becomes a cluster role, an actor name, a node name
/// (<c>service-N@host</c>) and a VM domain name, so it must be a DNS label: 1 to 63 lowercase letters,
/// digits and hyphens, starting with a letter and not ending with a hyphen.</summary>
public static partial class ServiceName
{
    /// <summary>The longest name allowed (a DNS label).</summary>
    public const int MaxLength = 63;

    /// <summary>Null if <paramref name="name"/> is valid, else what is wrong with it.</summary>
    public static string? Problem(string? name) => name switch
    {
        null or "" => "a service name is required",
        { Length: > MaxLength } => $"service name '{name}' is {name.Length} characters long; at most {MaxLength} are allowed",
        _ when !Label().IsMatch(name) =>
            $"service name '{name}' is not a DNS label: use lowercase letters, digits and '-', start with a letter and do not end with '-'",
        _ => null,
    };

    /// <summary>Returns <paramref name="name"/> if it is valid, else throws <see cref="ArgumentException"/>
    /// saying what is wrong with it.</summary>
    public static string Validate(string? name) =>
        Problem(name) is { } problem ? throw new ArgumentException(problem, nameof(name)) : name!;

    [GeneratedRegex(@"^[a-z]([a-z0-9-]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}

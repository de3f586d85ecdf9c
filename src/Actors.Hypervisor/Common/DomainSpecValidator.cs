using System.Text.RegularExpressions;

namespace Actors.Hypervisor;

/// <summary>Checks a domain spec before any driver acts on it.</summary>
internal static partial class DomainSpecValidator
{
    public static void Validate(Uri uri, DomainSpec spec)
    {
        string? problem = spec switch
        {
            { Name: null or "" } => "name is empty",
            _ when !DomainName().IsMatch(spec.Name) =>
                $"name '{spec.Name}' is not a domain name: use 1-64 lowercase letters, digits, '-', '_' and '.', starting with a letter or digit",
            { Service: null or "" } => "service is empty",
            { MemoryMiB: < 1 } => $"memoryMiB is {spec.MemoryMiB}; it must be at least 1",
            { VCpus: < 1 } => $"vcpus is {spec.VCpus}; it must be at least 1",
            { Network: { } net } when NetworkNames.Problem(net) is { } network => network,
            _ => spec.Environment.Keys.FirstOrDefault(k => !EnvKey().IsMatch(k)) is { } key
                ? $"environment key '{key}' is not a variable name (letters, digits, '_', not starting with a digit)"
                : null,
        };
        if (problem is not null)
        {
            throw new InvalidDomainSpecException(uri, string.IsNullOrEmpty(spec.Name) ? null : spec.Name, problem);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvKey();
}

using System.Text;

namespace Actors.Hypervisor;

/// <summary>A VM domain's kernel command line, for every VM driver: the spec's own words, then the driver's
/// words (a <c>console=</c> word only if the spec names no console), then the spec's environment as
/// <c>KEY=VAL</c> words, which the kernel hands to init as environment variables; anything after the spec's
/// <c>--</c> stays last, since the kernel gives it to init as arguments.</summary>
internal static class KernelCommandLine
{
    /// <summary>Linux on x86 keeps at most this many bytes of its command line (COMMAND_LINE_SIZE less the NUL).</summary>
    public const int MaxBytes = 2047;

    // CONFIG_INIT_ENV_ARG_LIMIT (32 in Debian) counts HOME and TERM too; one more panics the kernel.
    private const int MaxEnvironment = 30;

    /// <summary>The command line; throws <see cref="ArgumentException"/> saying why if Linux would cut or split it.</summary>
    public static string Build(DomainSpec spec, params IEnumerable<string> driverWords) =>
        Problem(spec, driverWords) is { } problem ? throw new ArgumentException(problem) : Line(spec, driverWords);

    /// <summary>Why the spec cannot be put on a kernel command line, or null.</summary>
    public static string? Problem(DomainSpec spec, params IEnumerable<string> driverWords)
    {
        if (spec.KernelCommandLine.Any(char.IsControl))
        {
            return "kernelCommandLine contains a control character (a newline or tab ends up splitting words)";
        }

        if (spec.Environment.Count > MaxEnvironment)
        {
            return $"environment has {spec.Environment.Count} entries; a kernel command line carries at most {MaxEnvironment} to init";
        }

        if (spec.Environment.FirstOrDefault(kv => kv.Value.Any(c => c == '"' || char.IsControl(c))) is { Key: { } key })
        {
            return $"environment value of '{key}' holds a '\"' or a control character, which a kernel command line cannot carry";
        }

        var bytes = Encoding.UTF8.GetByteCount(Line(spec, driverWords));
        return bytes > MaxBytes ? $"the kernel command line with the environment is {bytes} bytes; Linux keeps at most {MaxBytes}" : null;
    }

    private static string Line(DomainSpec spec, IEnumerable<string> driverWords)
    {
        var given = spec.KernelCommandLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var dashes = Array.IndexOf(given, "--");
        var words = new List<string>(dashes < 0 ? given : given[..dashes]);
        var ownConsole = words.Exists(w => w.StartsWith("console=", StringComparison.Ordinal));
        words.AddRange(driverWords.Where(w => !(ownConsole && w.StartsWith("console=", StringComparison.Ordinal))));
        words.AddRange(spec.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={Quote(kv.Value)}"));
        if (dashes >= 0)
        {
            words.AddRange(given[dashes..]);
        }

        return string.Join(' ', words);
    }

    // The kernel's parser takes a double-quoted value with spaces and strips the quotes, but has no escape for a
    // quote inside one (Problem refuses those).
    private static string Quote(string value) => value.Any(char.IsWhiteSpace) ? $"\"{value}\"" : value;
}

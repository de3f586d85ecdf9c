namespace Actors.Hypervisor;

/// <summary>The guest kernel's command line: the spec's own words, then <c>console=ttyS0 panic=-1</c> (and under
/// TCG <c>tsc_early_khz=</c>), then the spec's environment as <c>KEY=VAL</c> words, which the kernel hands to init
/// as environment variables; anything after the spec's <c>--</c> stays last, since the kernel gives it to init as
/// arguments.</summary>
internal static class QemuKernelCommandLine
{
    // x86's COMMAND_LINE_SIZE is 2048 bytes including the terminating NUL.
    private const int MaxLength = 2047;

    // CONFIG_INIT_ENV_ARG_LIMIT (32 in Debian) counts HOME and TERM too; one more panics the kernel.
    private const int MaxEnvironment = 30;

    public static string Build(DomainSpec spec, long? tscKhz)
    {
        var given = spec.KernelCommandLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var dashes = Array.IndexOf(given, "--");
        var words = new List<string>(dashes < 0 ? given : given[..dashes]);
        words.Add("console=ttyS0");
        words.Add("panic=-1");
        if (tscKhz is { } khz)
        {
            words.Add($"tsc_early_khz={khz}");
        }

        words.AddRange(spec.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={Quote(kv.Value)}"));
        if (dashes >= 0)
        {
            words.AddRange(given[dashes..]);
        }

        return string.Join(' ', words);
    }

    /// <summary>Why the spec cannot be put on a kernel command line, or null.</summary>
    public static string? Problem(DomainSpec spec, long? tscKhz)
    {
        if (spec.Environment.Count > MaxEnvironment)
        {
            return $"environment has {spec.Environment.Count} entries; a kernel command line carries at most {MaxEnvironment} to init";
        }

        if (spec.Environment.FirstOrDefault(kv => kv.Value.Any(c => c == '"' || char.IsControl(c))) is { Key: { } key })
        {
            return $"environment value of '{key}' holds a '\"' or a control character, which a kernel command line cannot carry";
        }

        var length = Build(spec, tscKhz).Length;
        return length > MaxLength
            ? $"kernelCommandLine with the environment is {length} characters; the kernel takes at most {MaxLength}"
            : null;
    }

    private static string Quote(string value) => value.Any(char.IsWhiteSpace) ? $"\"{value}\"" : value;
}

using System.Text;

namespace Actors.Hypervisor;

/// <summary>A VM domain's kernel command line: a console for the hypervisor unless the spec names one, the
/// spec's own command line, then the environment as <c>KEY=VAL</c> words (the kernel hands words it does
/// not know to init as environment variables).</summary>
internal static class KernelCommandLine
{
    /// <summary>Linux on x86 keeps at most this many bytes of its command line (COMMAND_LINE_SIZE less the NUL).</summary>
    public const int MaxBytes = 2047;

    /// <param name="spec">The domain.</param>
    /// <param name="console">The console device of the hypervisor (<c>hvc0</c> on Xen, <c>ttyS0</c> on QEMU), or null.</param>
    public static string Build(DomainSpec spec, string? console)
    {
        var words = new List<string>();
        var own = spec.KernelCommandLine.Trim();
        if (console is not null && !own.Contains("console=", StringComparison.Ordinal))
        {
            words.Add($"console={console}");
        }

        if (own.Length > 0)
        {
            words.Add(own);
        }

        foreach (var (key, value) in spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            words.Add($"{key}={Quote(key, value)}");
        }

        var line = string.Join(' ', words);
        if (line.Any(char.IsControl))
        {
            throw new ArgumentException("kernelCommandLine contains a control character (a newline or tab ends up splitting words)");
        }

        var bytes = Encoding.UTF8.GetByteCount(line);
        return bytes <= MaxBytes
            ? line
            : throw new ArgumentException($"the kernel command line with the environment is {bytes} bytes; Linux keeps at most {MaxBytes}");
    }

    // The kernel's parser takes a double-quoted value with spaces and strips the quotes, but it has no escape
    // for a quote inside one.
    private static string Quote(string key, string value)
    {
        if (value.Contains('"'))
        {
            throw new ArgumentException($"environment value of '{key}' contains '\"', which a kernel command line cannot carry");
        }

        return value.Any(char.IsWhiteSpace) ? $"\"{value}\"" : value;
    }
}

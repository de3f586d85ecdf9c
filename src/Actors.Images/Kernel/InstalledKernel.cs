namespace Actors.Images;

/// <summary>A kernel to bake into images: a bzImage (Debian's <c>/boot/vmlinuz-VERSION</c> from linux-image-amd64,
/// or one the user names) and its modules directory (<c>/lib/modules/VERSION</c>), from which the init's modules
/// are taken.</summary>
/// <param name="Version">The kernel release, e.g. 6.1.0-56-amd64.</param>
/// <param name="BzImage">The compressed kernel.</param>
/// <param name="Modules">Its modules directory.</param>
public sealed record InstalledKernel(string Version, string BzImage, string Modules)
{
    /// <summary>The kernel at <paramref name="bzImage"/> (a <c>vmlinuz-VERSION</c> file with
    /// <c>/lib/modules/VERSION</c> beside it on this machine), or the newest installed one when null; throws
    /// <see cref="ArgumentException"/> saying what to install or what is missing.</summary>
    public static InstalledKernel Find(string? bzImage = null)
    {
        if (bzImage is not null)
        {
            if (!File.Exists(bzImage))
            {
                throw new ArgumentException($"--kernel '{bzImage}' does not exist");
            }

            var name = Path.GetFileName(bzImage);
            var version = name.StartsWith("vmlinuz-", StringComparison.Ordinal) ? name["vmlinuz-".Length..] : null;
            return version is not null && HasModules(version)
                ? new InstalledKernel(version, bzImage, $"/lib/modules/{version}")
                : throw new ArgumentException($"--kernel '{bzImage}': name it vmlinuz-VERSION with its modules in /lib/modules/VERSION");
        }

        var newest = Directory.Exists("/boot")
            ? Directory.EnumerateFiles("/boot", "vmlinuz-*").Select(f => Path.GetFileName(f)["vmlinuz-".Length..])
                .Where(HasModules).OrderByDescending(v => v, Comparer<string>.Create(CompareVersions)).FirstOrDefault()
            : null;
        return newest is null
            ? throw new ArgumentException("no kernel found: install Debian's linux-image-amd64 (it gives /boot/vmlinuz-* and /lib/modules/*) or pass --kernel")
            : new InstalledKernel(newest, $"/boot/vmlinuz-{newest}", $"/lib/modules/{newest}");
    }

    /// <summary>The module's bytes, uncompressed (busybox's insmod wants plain .ko files), given its path under
    /// <c>kernel/</c> without the extension, e.g. <c>fs/squashfs/squashfs</c>.</summary>
    public async Task<byte[]> ModuleAsync(string module)
    {
        var ko = Path.Combine(Modules, "kernel", $"{module}.ko");
        if (File.Exists(ko))
        {
            return await File.ReadAllBytesAsync(ko);
        }

        if (!File.Exists($"{ko}.xz"))
        {
            throw new ArgumentException($"kernel {Version} has no module {module} (looked for {ko} and {ko}.xz)");
        }

        var temp = Path.GetTempFileName();
        try
        {
            await KernelExtractor.XzAsync(await File.ReadAllBytesAsync($"{ko}.xz"), temp);
            return await File.ReadAllBytesAsync(temp);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static bool HasModules(string version) =>
        InitScript.Modules.All(m => File.Exists($"/lib/modules/{version}/kernel/{m}.ko") || File.Exists($"/lib/modules/{version}/kernel/{m}.ko.xz"));

    private static int CompareVersions(string a, string b)
    {
        static long[] Parts(string v) => v.Split('.', '-').Select(p => long.TryParse(p, out var n) ? n : -1).ToArray();
        var (x, y) = (Parts(a), Parts(b));
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
            {
                return x[i].CompareTo(y[i]);
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}

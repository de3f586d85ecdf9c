using System.IO.Compression;
using System.Text;

namespace Actors.Images;

/// <summary>Writes the image's initrd: busybox-static, the init and its power-button action, and the kernel
/// modules the init loads. Small (~1.5 MB compressed) and the same bytes for the same kernel and busybox.</summary>
public static class InitLayer
{
    /// <summary>Debian's busybox-static.</summary>
    public const string Busybox = "/bin/busybox";

    /// <summary>Writes the initrd for <paramref name="kernel"/> to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(InstalledKernel kernel, string path)
    {
        if (!File.Exists(Busybox))
        {
            throw new ArgumentException($"{Busybox} is missing: install Debian's busybox-static");
        }

        await using var file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        var cpio = new CpioWriter(gzip);
        foreach (var d in new[] { "bin", "dev", "proc", "sys", "run", "tmp", "etc", "etc/acpi", "etc/acpi/PWRF", "lib", "lib/modules", "actors", "actors/runtime", "actors/service" })
        {
            cpio.AddDirectory(d);
        }

        // The kernel opens /dev/console for init's stdio before init mounts devtmpfs; the runtime layer brings the
        // dynamic loader the .NET host's ELF files name.
        cpio.AddCharDevice("dev/console", 5, 1, 0x180);
        cpio.AddSymlink("lib64", $"{InitScript.RuntimeMount.TrimStart('/')}/lib64");
        cpio.AddFile("bin/busybox", await File.ReadAllBytesAsync(Busybox), 0x1ED);
        cpio.AddFile("init", Encoding.UTF8.GetBytes(InitScript.Init), 0x1ED);
        cpio.AddFile("etc/acpi/PWRF/00000080", Encoding.UTF8.GetBytes(InitScript.PowerButton), 0x1ED);
        cpio.AddFile("lib/modules/order", Encoding.UTF8.GetBytes(string.Join('\n', InitScript.Modules.Select(Path.GetFileName)) + "\n"), 0x1A4);
        foreach (var module in InitScript.Modules)
        {
            cpio.AddFile($"lib/modules/{Path.GetFileName(module)}.ko", await kernel.ModuleAsync(module), 0x1A4);
        }

        cpio.Finish();
    }
}

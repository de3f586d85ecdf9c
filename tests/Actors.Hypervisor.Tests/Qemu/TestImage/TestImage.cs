using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Actors.Images;

namespace Actors.Hypervisor.Tests.Qemu;

/// <summary>A minimal image in the layout the QEMU driver boots (<c>vmlinux</c>, <c>initrd.img</c>), made from
/// the installed Debian kernel and busybox-static until the image baker makes real ones. Built once per test run
/// and cached in the temp directory under a key of the kernel, busybox and init script.</summary>
/// <param name="Directory">The image directory.</param>
/// <param name="KernelVersion">The kernel's version, e.g. 6.1.0-56-amd64.</param>
internal sealed record TestImage(string Directory, string KernelVersion)
{
    private const string Busybox = "/bin/busybox";
    private static readonly Lazy<Task<TestImage>> Shared = new(BuildAsync);

    public static Task<TestImage> GetAsync() => Shared.Value;

    private static async Task<TestImage> BuildAsync()
    {
        var kernel = InstalledKernel.Find();
        var version = kernel.Version;
        if (!File.Exists(Busybox))
        {
            throw new InvalidOperationException($"{Busybox} is missing: install busybox-static (bash .ci/test does)");
        }

        var dir = Path.Combine(Path.GetTempPath(), "actors-qemu-image", $"{version}-{Key(version)}");
        if (File.Exists(Path.Combine(dir, ImageLayout.InitrdFile)))
        {
            return new TestImage(dir, version);
        }

        // Built beside and renamed into place, so a half-built image is never found.
        var building = $"{dir}.{Guid.NewGuid():N}";
        System.IO.Directory.CreateDirectory(building);
        await KernelExtractor.ExtractAsync($"/boot/vmlinuz-{version}", Path.Combine(building, "vmlinux"));
        await WriteInitrdAsync(kernel, Path.Combine(building, ImageLayout.InitrdFile));
        try
        {
            System.IO.Directory.Move(building, dir);
        }
        catch (IOException) when (File.Exists(Path.Combine(dir, ImageLayout.InitrdFile)))
        {
            System.IO.Directory.Delete(building, recursive: true); // another run built it first
        }

        return new TestImage(dir, version);
    }

    private static async Task WriteInitrdAsync(InstalledKernel kernel, string path)
    {
        await using var file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var cpio = new CpioWriter(gzip);
        foreach (var d in new[] { "bin", "dev", "proc", "sys", "etc", "etc/acpi", "etc/acpi/PWRF", "lib", "lib/modules" })
        {
            cpio.AddDirectory(d);
        }

        // The kernel opens /dev/console for init's stdio before init mounts devtmpfs.
        cpio.AddCharDevice("dev/console", 5, 1, 0x180);
        cpio.AddFile("bin/busybox", await File.ReadAllBytesAsync(Busybox), 0x1ED);
        cpio.AddFile("init", Encoding.UTF8.GetBytes(InitScripts.Init), 0x1ED);
        cpio.AddFile("etc/acpi/PWRF/00000080", Encoding.UTF8.GetBytes(InitScripts.PowerButton), 0x1ED);
        foreach (var module in InitScripts.Modules)
        {
            cpio.AddFile($"lib/modules/{Path.GetFileName(module)}.ko", await kernel.ModuleAsync(module), 0x1A4);
        }

        cpio.Finish();
    }

    private static string Key(string version)
    {
        var kernel = new FileInfo($"/boot/vmlinuz-{version}");
        var busybox = new FileInfo(Busybox);
        var text = $"{ImageLayout.InitrdFile}:{kernel.Length}:{kernel.LastWriteTimeUtc.Ticks}:{busybox.Length}:{busybox.LastWriteTimeUtc.Ticks}:{InitScripts.Init}:{InitScripts.PowerButton}:{string.Join(',', InitScripts.Modules)}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12].ToLowerInvariant();
    }
}

using System.Runtime.InteropServices;
using System.Text;

namespace Actors.Hypervisor.Tests;

/// <summary>xl's own config parser, libxlutil (Debian libxenmisc4.17), which needs no running Xen: the parsed
/// file's settings, and xl's disk-spec parser for each <c>disk</c> entry.</summary>
internal sealed unsafe partial class LibXlUtil : IDisposable
{
    private const string Xlu = "libxlutil.so.4.17";
    private const string Xl = "libxenlight.so.4.17";

    // libxl_device_disk (libxl_types.idl, x86_64): backend_domid, backend_domname, pdev_path, vdev, backend,
    // format, script, removable, readwrite... The buffer is far larger than the struct.
    private const int DiskStructBytes = 4096;
    private const int PdevPathOffset = 16;
    private const int VdevOffset = 24;
    private const int FormatOffset = 36;
    private const int ReadWriteOffset = 52;

    private readonly string _reportPath = Path.Combine(Path.GetTempPath(), $"actors-xlu-{Guid.NewGuid():N}.txt");
    private readonly nint _report;
    private readonly nint _cfg;

    private LibXlUtil(string text)
    {
        _report = fopen(_reportPath, "w");
        _cfg = xlu_cfg_init(_report, "domain.cfg");
        var bytes = Encoding.UTF8.GetBytes(text);
        fixed (byte* data = bytes)
        {
            Status = xlu_cfg_readdata(_cfg, data, bytes.Length);
        }

        fflush(_report);
        Errors = File.ReadAllText(_reportPath);
    }

    /// <summary>xlu_cfg_readdata's result: 0, or an errno such as EINVAL for a syntax error.</summary>
    public int Status { get; }

    /// <summary>What the parser reported, e.g. <c>domain.cfg:1: config parsing error near ...</c>.</summary>
    public string Errors { get; }

    public static LibXlUtil Parse(string text) => new(text);

    public string? String(string key)
    {
        nint value;
        return xlu_cfg_get_string(_cfg, key, &value, 1) == 0 ? Marshal.PtrToStringUTF8(value) : null;
    }

    public long? Long(string key)
    {
        long value;
        return xlu_cfg_get_long(_cfg, key, &value, 1) == 0 ? value : null;
    }

    public IReadOnlyList<string>? List(string key)
    {
        nint list;
        int count;
        if (xlu_cfg_get_list(_cfg, key, &list, &count, 1) != 0)
        {
            return null;
        }

        var items = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(Marshal.PtrToStringUTF8(xlu_cfg_get_listitem(list, i))!);
        }

        return items;
    }

    /// <summary>Parses one xl-disk-configuration(5) spec the way <c>xl create</c> does.</summary>
    public XlDisk ParseDisk(string spec)
    {
        var disk = (byte*)NativeMemory.AllocZeroed(DiskStructBytes);
        var text = Marshal.StringToCoTaskMemUTF8(spec);
        try
        {
            libxl_device_disk_init(disk);
            var status = xlu_disk_parse(_cfg, 1, &text, disk);
            var result = new XlDisk(
                status,
                Marshal.PtrToStringUTF8(*(nint*)(disk + PdevPathOffset)),
                Marshal.PtrToStringUTF8(*(nint*)(disk + VdevOffset)),
                *(int*)(disk + FormatOffset),
                *(int*)(disk + ReadWriteOffset) != 0);
            libxl_device_disk_dispose(disk);
            return result;
        }
        finally
        {
            Marshal.FreeCoTaskMem(text);
            NativeMemory.Free(disk);
        }
    }

    public void Dispose()
    {
        xlu_cfg_destroy(_cfg);
        fclose(_report);
        File.Delete(_reportPath);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint fopen(string path, string mode);

    [LibraryImport("libc")]
    private static partial int fflush(nint file);

    [LibraryImport("libc")]
    private static partial int fclose(nint file);

    [LibraryImport(Xlu, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint xlu_cfg_init(nint report, string reportFilename);

    [LibraryImport(Xlu)]
    private static partial int xlu_cfg_readdata(nint cfg, byte* data, int length);

    [LibraryImport(Xlu)]
    private static partial void xlu_cfg_destroy(nint cfg);

    [LibraryImport(Xlu, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int xlu_cfg_get_string(nint cfg, string name, nint* value, int dontWarn);

    [LibraryImport(Xlu, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int xlu_cfg_get_long(nint cfg, string name, long* value, int dontWarn);

    [LibraryImport(Xlu, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int xlu_cfg_get_list(nint cfg, string name, nint* list, int* entries, int dontWarn);

    [LibraryImport(Xlu)]
    private static partial nint xlu_cfg_get_listitem(nint list, int entry);

    [LibraryImport(Xlu)]
    private static partial int xlu_disk_parse(nint cfg, int count, nint* specs, byte* disk);

    [LibraryImport(Xl)]
    private static partial void libxl_device_disk_init(byte* disk);

    [LibraryImport(Xl)]
    private static partial void libxl_device_disk_dispose(byte* disk);
}

/// <summary>A disk spec as xl parsed it. <paramref name="Format"/> is libxl_disk_format (4 is raw).</summary>
internal sealed record XlDisk(int Status, string? Target, string? Vdev, int Format, bool ReadWrite)
{
    public const int Raw = 4;
}

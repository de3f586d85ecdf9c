using System.Text;

namespace Actors.Images;

/// <summary>Writes a cpio archive in the "newc" format the kernel unpacks as an initramfs. Every entry has
/// owner root, time 0 and an inode numbered in the order written, so the same entries give the same bytes.</summary>
/// <param name="output">Where the archive goes.</param>
public sealed class CpioWriter(Stream output)
{
    private const int Directory = 0x4000;
    private const int Regular = 0x8000;
    private const int CharDevice = 0x2000;
    private const int Symlink = 0xA000;
    private int _inode = 1;
    private long _written;

    /// <summary>Adds a directory (mode 0755).</summary>
    public void AddDirectory(string path) => Add(path, Directory | 0x1ED, [], nlink: 2);

    /// <summary>Adds a regular file with <paramref name="permissions"/> (e.g. 0x1ED for 0755).</summary>
    public void AddFile(string path, byte[] data, int permissions) => Add(path, Regular | permissions, data);

    /// <summary>Adds a symbolic link at <paramref name="path"/> to <paramref name="target"/>.</summary>
    public void AddSymlink(string path, string target) => Add(path, Symlink | 0x1FF, Encoding.UTF8.GetBytes(target));

    /// <summary>Adds a character device node.</summary>
    public void AddCharDevice(string path, int major, int minor, int permissions) =>
        Add(path, CharDevice | permissions, [], rdevMajor: major, rdevMinor: minor);

    /// <summary>Writes the trailer that ends the archive.</summary>
    public void Finish()
    {
        _inode = 0;
        Add("TRAILER!!!", 0, []);
    }

    private void Add(string path, int mode, byte[] data, int nlink = 1, int rdevMajor = 0, int rdevMinor = 0)
    {
        var name = Encoding.UTF8.GetBytes(path);

        // magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
        int[] fields = [_inode++, mode, 0, 0, nlink, 0, data.Length, 0, 0, rdevMajor, rdevMinor, name.Length + 1, 0];
        var header = "070701" + string.Concat(fields.Select(f => f.ToString("X8", System.Globalization.CultureInfo.InvariantCulture)));
        Write(Encoding.ASCII.GetBytes(header));
        Write(name);
        Write([0]);
        Pad();
        Write(data);
        Pad();
    }

    private void Write(byte[] bytes)
    {
        output.Write(bytes);
        _written += bytes.Length;
    }

    // Header+name and data each end on a 4-byte boundary.
    private void Pad() => Write(new byte[(4 - (int)(_written % 4)) % 4]);
}

using System.Runtime.InteropServices;

namespace Actors.Hypervisor.Tests;

/// <summary>Points file descriptor 2 at a file for a while, which catches what C code (libvirt) writes to
/// stderr, not only what .NET writes through <see cref="Console.Error"/>.</summary>
internal sealed partial class StderrCapture : IDisposable
{
    private const int Stderr = 2;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"actors-stderr-{Guid.NewGuid():N}.txt");
    private readonly FileStream _file;
    private int _saved;

    public StderrCapture()
    {
        _file = new FileStream(_path, FileMode.Create, FileAccess.ReadWrite);
        _saved = dup(Stderr);
        Assert.True(_saved >= 0);
        Assert.Equal(Stderr, dup2((int)_file.SafeFileHandle.DangerousGetHandle(), Stderr));
    }

    /// <summary>Restores stderr and returns what was written to it meanwhile.</summary>
    public string Stop()
    {
        Restore();
        return File.ReadAllText(_path);
    }

    public void Dispose()
    {
        Restore();
        File.Delete(_path);
    }

    private void Restore()
    {
        if (_saved >= 0)
        {
            dup2(_saved, Stderr);
            close(_saved);
            _saved = -1;
            _file.Dispose();
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int dup(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int dup2(int fd, int fd2);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}

using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Actors.Images;

/// <summary>A content-addressed store of layers: each file is kept once under its SHA-256
/// (<c>sha256/HASH</c>), and a key of a layer's inputs names the layer they made (<c>keys/KEY</c>), so a rebuild
/// with the same inputs reuses it without making it again. Images link to the store's files (hard links, or
/// copies across file systems).</summary>
/// <param name="Root">The store's directory.</param>
public sealed partial record LayerStore(string Root)
{
    /// <summary>The default store: <c>ACTORS_STORE</c>, else <c>$XDG_CACHE_HOME/actors/store</c> or
    /// <c>~/.cache/actors/store</c>.</summary>
    public static LayerStore Default()
    {
        var root = Environment.GetEnvironmentVariable("ACTORS_STORE") is { Length: > 0 } s ? s
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } c ? c
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "actors", "store");
        return new LayerStore(root);
    }

    /// <summary>Moves <paramref name="file"/> into the store and returns its hash and size; a file with the same
    /// content already stored is kept and <paramref name="file"/> deleted.</summary>
    public async Task<(string Sha256, long Size)> PutAsync(string file, CancellationToken cancellationToken = default)
    {
        string hash;
        await using (var stream = File.OpenRead(file))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        var size = new FileInfo(file).Length;
        var path = PathOf(hash);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            File.Delete(file);
        }
        else
        {
            File.Move(file, path);
        }

        return (hash, size);
    }

    /// <summary>The stored file with <paramref name="sha256"/>.</summary>
    public string PathOf(string sha256) => Path.Combine(Root, "sha256", sha256);

    /// <summary>The stored layer that <paramref name="key"/>'s inputs made, if it is still in the store.</summary>
    public string? Find(string key)
    {
        var keyFile = Path.Combine(Root, "keys", key);
        if (!File.Exists(keyFile))
        {
            return null;
        }

        var hash = File.ReadAllText(keyFile).Trim();
        return File.Exists(PathOf(hash)) ? hash : null;
    }

    /// <summary>Records that <paramref name="key"/>'s inputs made the layer <paramref name="sha256"/>.</summary>
    public void Remember(string key, string sha256)
    {
        Directory.CreateDirectory(Path.Combine(Root, "keys"));
        var temp = Path.Combine(Root, "keys", $"{key}.{Guid.NewGuid():N}");
        File.WriteAllText(temp, sha256);
        File.Move(temp, Path.Combine(Root, "keys", key), overwrite: true);
    }

    /// <summary>A scratch directory inside the store (same file system, so finished layers move in).</summary>
    public string Scratch()
    {
        var dir = Path.Combine(Root, "tmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Places the stored file <paramref name="sha256"/> at <paramref name="destination"/>: a hard link
    /// when the store and the image share a file system, else a copy.</summary>
    public void LinkTo(string sha256, string destination)
    {
        File.Delete(destination);
        if (link(PathOf(sha256), destination) != 0)
        {
            File.Copy(PathOf(sha256), destination);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int link(string oldpath, string newpath);
}

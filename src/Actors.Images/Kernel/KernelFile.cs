using System.Security.Cryptography;

namespace Actors.Images;

/// <summary>The image's vmlinux, extracted once per kernel and kept in the store under a key of the bzImage's hash.</summary>
internal static class KernelFile
{
    public static async Task<(string Sha256, long Size)> BuildAsync(InstalledKernel kernel, LayerStore store, CancellationToken cancellationToken)
    {
        string key;
        await using (var bz = File.OpenRead(kernel.BzImage))
        {
            key = $"kernel-{Convert.ToHexStringLower(await SHA256.HashDataAsync(bz, cancellationToken))}";
        }

        if (store.Find(key) is { } stored)
        {
            return (stored, new FileInfo(store.PathOf(stored)).Length);
        }

        var scratch = store.Scratch();
        try
        {
            var vmlinux = Path.Combine(scratch, "vmlinux");
            await KernelExtractor.ExtractAsync(kernel.BzImage, vmlinux);
            var (hash, size) = await store.PutAsync(vmlinux, cancellationToken);
            store.Remember(key, hash);
            return (hash, size);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}

namespace Actors.Images;

/// <summary>The image's initrd, written for the kernel and put in the store (the same kernel and busybox give the
/// same bytes, so every image shares one copy).</summary>
internal static class InitFile
{
    public static async Task<(string Sha256, long Size)> BuildAsync(InstalledKernel kernel, LayerStore store, CancellationToken cancellationToken)
    {
        var scratch = store.Scratch();
        try
        {
            var initrd = Path.Combine(scratch, ImageLayout.InitrdFile);
            await InitLayer.WriteAsync(kernel, initrd);
            return await store.PutAsync(initrd, cancellationToken);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}

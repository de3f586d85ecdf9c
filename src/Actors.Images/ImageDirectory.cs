namespace Actors.Images;

/// <summary>Writes one service's image directory: its layers (linked from the store), the manifest, and domain
/// descriptors for Xen PVH (libvirt XML and xl.cfg) and for QEMU (libvirt XML) that boot it from where it was
/// written (copy the directory to the same path on a host, or edit the paths).</summary>
internal static class ImageDirectory
{
    public static BuiltImage Write(string directory, ServiceSpec service, string version, IReadOnlyList<ImageLayer> layers, LayerStore store)
    {
        Directory.CreateDirectory(directory);
        foreach (var layer in layers)
        {
            store.LinkTo(layer.Sha256, Path.Combine(directory, layer.File));
        }

        var manifest = new ImageManifest
        {
            Service = service.Name,
            Version = version,
            KernelCommandLine = $"quiet ACTORS_SERVICE={service.Name}",
            MemoryMiB = service.Resources.MemoryMiB,
            VCpus = service.Resources.VCpus,
            Layers = layers,
            Descriptors = new Dictionary<string, string> { ["xen"] = "domain-xen.xml", ["qemu"] = "domain-qemu.xml", ["xl"] = "xl.cfg" },
        };
        var spec = new DomainSpec
        {
            Name = service.Name,
            Service = service.Name,
            Image = directory,
            MemoryMiB = manifest.MemoryMiB,
            VCpus = manifest.VCpus,
            KernelCommandLine = manifest.KernelCommandLine,
            ReadOnlyDisks = [.. manifest.Disks.Select(d => Path.Combine(directory, d))],
        };
        File.WriteAllText(Path.Combine(directory, "domain-xen.xml"), XenPvhDomainXml.Render(spec with { Network = new NetworkSpec("xenbr0") }) + "\n");
        File.WriteAllText(Path.Combine(directory, "xl.cfg"), XlConfig.Render(spec with { Network = new NetworkSpec("xenbr0") }));
        File.WriteAllText(Path.Combine(directory, "domain-qemu.xml"), QemuDomainXml.Render(spec with { Network = new NetworkSpec("virbr0") }, kvm: true) + "\n");
        manifest.Write(directory);
        return new BuiltImage(directory, manifest);
    }
}

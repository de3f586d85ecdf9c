using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Actors.Images;

/// <summary>The shared runtime layer: the node host (<c>src/Actors.NodeHost</c>) published self-contained,
/// ReadyToRun and with invariant globalization under <c>app/</c>, and the glibc, libstdc++ and OpenSSL libraries it
/// loads under <c>lib/</c> (the dynamic loader under <c>lib64/</c>). Every service built from the same sources and
/// packages gets the same bytes, so a host keeps one copy however many services it runs.</summary>
/// <remarks>The layer is found in the store by a key of its inputs (the node host's and its project references'
/// sources and project files, the repository's package pins and build props, the host libraries it copies, and
/// this format), so a rebuild after a change to service code alone reuses it without publishing.</remarks>
internal static partial class RuntimeLayer
{
    public const string AppDirectory = "app";

    /// <summary>The inputs of the last key computed, one "sha256 path" line each (for diagnosing a rebuild that did
    /// not reuse the layer).</summary>
    public static string LastInputs { get; private set; } = string.Empty;

    // Bumped when what goes into the layer changes in a way the inputs do not show.
    private const string Format = "runtime-layer-1 linux-x64 r2r invariant";

    // Loaded with dlopen by the runtime (ldd cannot see them): OpenSSL for System.Security.Cryptography.
    private static readonly string[] OpenedLibraries = ["libssl.so.3", "libcrypto.so.3"];

    public static async Task<RuntimeLayerBuild> BuildAsync(string nodeHostProject, LayerStore store, Action<string> step, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(nodeHostProject, cancellationToken);
        if (store.Find($"runtime-{key}") is { } stored && File.Exists(FilesList(store, stored)))
        {
            return new RuntimeLayerBuild(stored, new FileInfo(store.PathOf(stored)).Length, [.. File.ReadAllLines(FilesList(store, stored))], Reused: true);
        }

        var scratch = store.Scratch();
        try
        {
            var tree = Path.Combine(scratch, "tree");
            var app = Path.Combine(tree, AppDirectory);
            step("publishing the node host self-contained, ReadyToRun");
            await Dotnet.PublishAsync(nodeHostProject, app,
                ["-r", "linux-x64", "--self-contained", "true", "-p:PublishReadyToRun=true", "-p:InvariantGlobalization=true",
                 "-p:GenerateDocumentationFile=false", "-p:DebugType=none"], cancellationToken);
            foreach (var junk in Directory.GetFiles(app, "*.pdb").Concat(Directory.GetFiles(app, "*.xml")))
            {
                File.Delete(junk);
            }

            step("copying the native libraries the runtime loads");
            await CopyLibrariesAsync(app, tree, cancellationToken);
            step("packing the runtime layer (squashfs, lz4)");
            var packed = Path.Combine(scratch, "runtime.sqfs");
            await SquashFs.PackAsync(tree, packed, cancellationToken);
            var (hash, size) = await store.PutAsync(packed, cancellationToken);
            var files = Directory.GetFiles(app).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            await File.WriteAllLinesAsync(FilesList(store, hash), files!, cancellationToken);
            store.Remember($"runtime-{key}", hash);
            return new RuntimeLayerBuild(hash, size, files!, Reused: false);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string FilesList(LayerStore store, string hash) => $"{store.PathOf(hash)}.files";

    private static async Task CopyLibrariesAsync(string app, string tree, CancellationToken cancellationToken)
    {
        var elves = Directory.GetFiles(app, "*.so").Append(Path.Combine(app, "Actors.NodeHost"));
        var libraries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in OpenedLibraries)
        {
            libraries[name] = Locate(name);
        }

        foreach (var path in libraries.Values.ToList().Concat(elves))
        {
            foreach (Match m in LddLine().Matches(await LddAsync(path, cancellationToken)))
            {
                libraries.TryAdd(Path.GetFileName(m.Groups["path"].Value), m.Groups["path"].Value);
            }
        }

        Directory.CreateDirectory(Path.Combine(tree, "lib"));
        Directory.CreateDirectory(Path.Combine(tree, "lib64"));
        foreach (var (name, path) in libraries)
        {
            var target = name.StartsWith("ld-linux", StringComparison.Ordinal) ? Path.Combine(tree, "lib64", name) : Path.Combine(tree, "lib", name);
            File.Copy(path, target, overwrite: true);
        }
    }

    private static string Locate(string library) =>
        new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64" }
            .Select(d => Path.Combine(d, library)).FirstOrDefault(File.Exists)
        ?? throw new ArgumentException($"{library} is not installed; the runtime needs it in the image (Debian: libssl3)");

    private static async Task<string> LddAsync(string path, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ldd", [path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var ldd = Process.Start(info) ?? throw new InvalidOperationException("ldd did not start");
        var output = await ldd.StandardOutput.ReadToEndAsync(cancellationToken);
        await ldd.WaitForExitAsync(cancellationToken);
        return output;
    }

    // "libm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)".
    [GeneratedRegex(@"(?:=> )?(?<path>/\S+) \(0x", RegexOptions.Multiline)]
    private static partial Regex LddLine();

    /// <summary>A hash of everything the layer is made from, computed without building anything.</summary>
    private static async Task<string> KeyAsync(string nodeHostProject, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(Format));
        var files = ProjectClosure(Path.GetFullPath(nodeHostProject))
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                    && (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith("proj", StringComparison.Ordinal))))
            .Concat(RepositoryFiles(Path.GetDirectoryName(Path.GetFullPath(nodeHostProject))!))
            .Concat(OpenedLibraries.Select(Locate))
            .Concat(new[] { "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libgcc_s.so.1" }.Where(File.Exists))
            .Distinct().Order(StringComparer.Ordinal);
        var inputs = new StringBuilder();
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            sha.AppendData(Encoding.UTF8.GetBytes(file));
            sha.AppendData(bytes);
            inputs.Append(Convert.ToHexStringLower(SHA256.HashData(bytes))).Append(' ').AppendLine(file);
        }

        var key = Convert.ToHexStringLower(sha.GetHashAndReset());
        LastInputs = inputs.ToString();
        return key;
    }

    /// <summary>The directories of a project and every project it references, transitively.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var p))
        {
            if (!seen.Add(p))
            {
                continue;
            }

            var dir = Path.GetDirectoryName(p)!;
            foreach (Match m in ProjectReference().Matches(File.ReadAllText(p)))
            {
                pending.Push(Path.GetFullPath(Path.Combine(dir, m.Groups["path"].Value)));
            }
        }

        return seen.Select(p => Path.GetDirectoryName(p)!);
    }

    // Directory.Packages.props, Directory.Build.props and global.json from the project's directory up.
    private static IEnumerable<string> RepositoryFiles(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            foreach (var name in new[] { "Directory.Packages.props", "Directory.Build.props", "global.json" })
            {
                var path = Path.Combine(dir.FullName, name);
                if (File.Exists(path))
                {
                    yield return path;
                }
            }
        }
    }

    [GeneratedRegex("<ProjectReference\\s+Include=\"(?<path>[^\"]+)\"")]
    private static partial Regex ProjectReference();
}

/// <summary>A runtime layer in the store.</summary>
/// <param name="Sha256">Its hash.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="AppFiles">The file names under <c>app/</c>, which a service layer leaves out.</param>
/// <param name="Reused">Whether the store already had it.</param>
internal sealed record RuntimeLayerBuild(string Sha256, long Size, IReadOnlyList<string> AppFiles, bool Reused);

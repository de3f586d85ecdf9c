using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Actors.Hypervisor;
using Actors.Images;
using Spectre.Console;

namespace Actors.Cli;

/// <summary><c>actors build</c> and <c>actors verify</c>.</summary>
internal static class ImageCommands
{
    public static Command Build(Func<Func<Task>, Task<int>> run)
    {
        var project = new Argument<string>("project") { Description = "The application's project file or directory (e.g. examples/Hello)" };
        var service = new Option<string?>("--service") { Description = "Bake only this service (default: every service of the application's catalog)" };
        var output = new Option<string>("--out") { Description = "Directory that receives one image directory per service", Required = true };
        var store = new Option<string?>("--store") { Description = "Content-addressed layer store (default: ACTORS_STORE or ~/.cache/actors/store)" };
        var kernel = new Option<string?>("--kernel") { Description = "A bzImage named vmlinuz-VERSION with modules in /lib/modules/VERSION (default: the newest in /boot)" };
        var nodeHost = new Option<string?>("--node-host") { Description = "The node host project the runtime layer is published from (default: src/Actors.NodeHost found above the project)" };
        var json = new Option<bool>("--json") { Description = "Print the manifests as JSON instead of a table" };
        var command = new Command("build",
            "Bake each service of an application into a read-only VM image: a shared runtime layer, a small service layer, a kernel, an init, a manifest and domain descriptors.\n" +
            "Needs the .NET SDK and Debian's squashfs-tools, busybox-static, xz-utils and linux-image-amd64.\n\n" +
            "Example:\n  actors build examples/Hello --out images\n  actors build examples/Hello --service greeter --out images --json")
        {
            project, service, output, store, kernel, nodeHost, json,
        };
        command.SetAction(parse => run(async () =>
        {
            var request = new BuildRequest
            {
                Project = parse.GetValue(project)!,
                Output = parse.GetValue(output)!,
                Service = parse.GetValue(service),
                Kernel = parse.GetValue(kernel),
                Store = parse.GetValue(store) is { } s ? new LayerStore(s) : null,
                NodeHostProject = parse.GetValue(nodeHost),
            };
            var result = parse.GetValue(json) ? await BuildQuietlyAsync(request) : await BuildWithProgressAsync(request);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result.Images.Select(i => new { directory = i.Directory, manifest = i.Manifest }),
                    new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true }));
                return;
            }

            WriteTable(result);
        }));
        return command;
    }

    public static Command Verify(Func<Func<Task>, Task<int>> run)
    {
        var directory = new Argument<string>("image") { Description = "An image directory (holding manifest.json)" };
        var command = new Command("verify",
            "Recompute every layer's SHA-256 and size and compare them with the image's manifest; exit 5 naming each layer that differs.\n\n" +
            "Example:\n  actors verify images/greeter")
        {
            directory,
        };
        command.SetAction(parse => run(async () =>
        {
            var path = parse.GetValue(directory)!;
            try
            {
                var manifest = await ImageVerifier.VerifyAsync(path);
                Console.WriteLine($"ok {manifest.Service} {manifest.Version}: {manifest.Layers.Count} layers, {Size(manifest.Layers.Sum(l => l.Size))}");
            }
            catch (InvalidImageException e)
            {
                throw new CliException(e.Message, ExitCodes.Invalid);
            }
        }));
        return command;
    }

    private static async Task<BuildResult> BuildQuietlyAsync(BuildRequest request) => await Wrap(() => ImageBuilder.BuildAsync(request));

    private static async Task<BuildResult> BuildWithProgressAsync(BuildRequest request)
    {
        BuildResult? result = null;
        await AnsiConsole.Status().Spinner(Spinner.Known.Dots).StartAsync("starting", async context =>
        {
            var clock = Stopwatch.StartNew();
            string? current = null;
            void Step(string step)
            {
                if (current is not null)
                {
                    AnsiConsole.MarkupLine($"[green]done[/] {Markup.Escape(current)} [grey]({clock.Elapsed.TotalSeconds:0.0} s)[/]");
                }

                current = step;
                clock.Restart();
                context.Status(Markup.Escape(step));
            }

            result = await Wrap(() => ImageBuilder.BuildAsync(request, Step));
            Step("finished");
        });
        return result!;
    }

    private static async Task<T> Wrap<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message, ExitCodes.Failed);
        }
    }

    private static void WriteTable(BuildResult result)
    {
        var table = new Table().AddColumns("image", "layer", "size", "sha256");
        foreach (var image in result.Images)
        {
            foreach (var layer in image.Manifest.Layers)
            {
                table.AddRow(Markup.Escape(image.Manifest.Service), layer.Role, Size(layer.Size), layer.Sha256[..16]);
            }
        }

        AnsiConsole.Write(table);
        var runtime = result.RuntimeReused ? "runtime layer reused from the store" : "runtime layer built";
        AnsiConsole.MarkupLine($"{result.Images.Count} image(s) in {result.Elapsed.TotalSeconds:0.0} s; {runtime}; each in {Markup.Escape(Path.GetDirectoryName(result.Images[0].Directory) ?? ".")}/SERVICE");
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB"),
    };
}

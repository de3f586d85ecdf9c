using System.CommandLine;
using System.Diagnostics;

namespace Actors.Cli;

/// <summary><c>actors new</c> and <c>actors run</c>.</summary>
internal static class ProjectCommands
{
    public static Command New(Func<Func<Task>, Task<int>> run)
    {
        var name = new Argument<string>("name") { Description = "The application's name: a C# identifier, e.g. Shop" };
        var output = new Option<string?>("--out") { Description = "Directory to create (default: ./NAME)" };
        var command = new Command("new",
            "Create an application with one service (a supervised worker that answers requests), its catalog for images, and a README.\n" +
            "Inside this repository it references src/ directly.\n\n" +
            "Example:\n  actors new Shop --out examples/Shop && dotnet run --project examples/Shop -- --for 10s")
        {
            name, output,
        };
        command.SetAction(parse => run(() =>
        {
            var app = parse.GetValue(name)!;
            var dir = Path.GetFullPath(parse.GetValue(output) ?? app);
            foreach (var (file, text) in ProjectTemplate.Files(app, dir))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, text);
            }

            Console.WriteLine($"created {dir}; run it with: dotnet run --project {Path.GetRelativePath(Environment.CurrentDirectory, dir)}");
            return Task.CompletedTask;
        }));
        return command;
    }

    public static Command Run(Func<Func<Task>, Task<int>> run)
    {
        var project = new Argument<string>("project") { Description = "The application's project file or directory" };
        var rest = new Argument<string[]>("arguments") { Description = "Passed to the application (e.g. --for 10s --events json)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("run",
            "Run every service of an application as one local in-process cluster (dotnet run), until Ctrl+C or --for.\n\n" +
            "Example:\n  actors run examples/Hello -- --for 10s --events json")
        {
            project, rest,
        };
        command.SetAction(parse => run(async () =>
        {
            var path = parse.GetValue(project)!;
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new CliException($"project '{path}' does not exist", ExitCodes.Usage);
            }

            using var dotnet = Process.Start(new ProcessStartInfo("dotnet", ["run", "--project", path, "--", .. parse.GetValue(rest) ?? []]))
                ?? throw new CliException("dotnet did not start", ExitCodes.Failed);
            await dotnet.WaitForExitAsync();
            if (dotnet.ExitCode != 0)
            {
                throw new CliException($"the application exited with {dotnet.ExitCode}", ExitCodes.Failed);
            }
        }));
        return command;
    }
}

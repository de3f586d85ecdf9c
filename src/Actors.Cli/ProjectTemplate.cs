using System.Text.RegularExpressions;

namespace Actors.Cli;

/// <summary>The files of a new application: a project, a service with a worker, its catalog and a README.</summary>
internal static partial class ProjectTemplate
{
    public static IEnumerable<(string File, string Text)> Files(string name, string directory)
    {
        if (!Identifier().IsMatch(name))
        {
            throw new CliException($"'{name}' is not a C# identifier (letters, digits and '_', starting with a letter), e.g. Shop", ExitCodes.Usage);
        }

        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new CliException($"'{directory}' exists and is not empty", ExitCodes.Usage);
        }

        var service = name.ToLowerInvariant().Replace('_', '-');
        yield return (Path.Combine(directory, $"{name}.csproj"), Project(directory));
        yield return (Path.Combine(directory, "Program.cs"), $"""
            using Actors.Node;
            using {name};

            return await ActorsApplication.RunAsync(args, {name}Services.All);

            """);
        yield return (Path.Combine(directory, $"{name}Services.cs"), $$"""
            using Actors;
            using Akka.Actor;

            namespace {{name}};

            /// <summary>The application's services.</summary>
            public static class {{name}}Services
            {
                public static ServiceSpec Main { get; } =
                    new ServiceSpec("{{service}}", new SupervisorSpec(RestartStrategy.OneForOne, ChildSpec.Worker<Worker>("worker")))
                        .Accepts<Request>()
                        .Accepts<Reply>()
                        .WithScaling(Scaling.Fixed(2));

                public static IReadOnlyList<ServiceSpec> All { get; } = [Main];
            }

            /// <summary>Lets a baked image's node host find the services.</summary>
            public sealed class {{name}}Catalog : IServiceCatalog
            {
                public IReadOnlyList<ServiceSpec> Services => {{name}}Services.All;
            }

            public sealed record Request(string Text);

            public sealed record Reply(string Text, string Node);

            /// <summary>Answers requests; its supervisor restarts it if it crashes.</summary>
            public sealed class Worker : OtpActor
            {
                public Worker()
                {
                    var node = NodeIdentity.For(Context.System).Node ?? "local";
                    Receive<Request>(r => Sender.Tell(new Reply($"done: {r.Text}", node)));
                }
            }

            """);
        yield return (Path.Combine(directory, "README.md"), $"""
            # {name}

            One service, `{service}`, on two nodes.

            ```sh
            dotnet run --project .                      # the local cluster, until Ctrl+C (add -- --for 10s --events json)
            actors build . --out images                 # bake it into a VM image
            ```

            """);
    }

    // Inside this repository the project references src/ directly; elsewhere, the packages.
    private static string Project(string directory)
    {
        for (var dir = new DirectoryInfo(directory).Parent; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
            {
                var src = Path.GetRelativePath(directory, Path.Combine(dir.FullName, "src"));
                return $"""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <OutputType>Exe</OutputType>
                      </PropertyGroup>
                      <ItemGroup>
                        <ProjectReference Include="{src}/Actors/Actors.csproj" />
                        <ProjectReference Include="{src}/Actors.Node/Actors.Node.csproj" />
                      </ItemGroup>
                    </Project>

                    """;
            }
        }

        throw new CliException("actors new works inside the Actors repository for now (its packages are not published yet); give --out a directory inside it", ExitCodes.Usage);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}

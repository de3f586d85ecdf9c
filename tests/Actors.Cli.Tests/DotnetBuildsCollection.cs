namespace Actors.Cli.Tests;

/// <summary>Tests that run the .NET SDK on the repository's projects (deploy's ReadyToRun publish, actors build, actors
/// new, the local cluster's image bake): they share the projects' bin and obj folders, so two at once can delete a
/// file the other is copying. They run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DotnetBuildsCollection
{
    public const string Name = "dotnet builds of the repository";
}

namespace Actors;

/// <summary>An application's services, as a node host finds them in assemblies it was given rather than
/// compiled with: the program inside a VM image (and a warm shell) loads the service layer's assemblies and
/// runs one service of the first catalog it finds. Implement it in a public class with a public parameterless
/// constructor.</summary>
public interface IServiceCatalog
{
    /// <summary>Every service of the application.</summary>
    IReadOnlyList<ServiceSpec> Services { get; }
}

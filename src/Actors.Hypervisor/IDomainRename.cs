namespace Actors.Hypervisor;

/// <summary>A driver that can give a running domain another identity without stopping it: how a warm shell,
/// booted before anyone knew which node it would be, becomes a supervised node whose name, service and labels
/// are what every later call, event and failover listing uses.</summary>
public interface IDomainRename
{
    /// <summary>The running domain <paramref name="name"/> takes <paramref name="becomes"/>'s name, service,
    /// resources and labels; what runs is unchanged, and its next events carry the new name. Throws
    /// <see cref="DomainNotFoundException"/>, <see cref="DomainStateException"/> (not running),
    /// <see cref="DomainExistsException"/> (the new name is taken) or <see cref="CapacityExhaustedException"/>.</summary>
    Task RenameAsync(string name, DomainSpec becomes, CancellationToken cancellationToken = default);
}

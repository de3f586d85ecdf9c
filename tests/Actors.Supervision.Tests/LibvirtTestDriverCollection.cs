namespace Actors.Supervision.Tests;

/// <summary>Tests on libvirt's <c>test:///default</c>, whose state every connection of the process shares: they run
/// one after another, so one test's domains are never another's.</summary>
[CollectionDefinition(Name)]
public sealed class LibvirtTestDriverCollection
{
    public const string Name = "libvirt test:///default";
}

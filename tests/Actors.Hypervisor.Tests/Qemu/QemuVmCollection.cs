namespace Actors.Hypervisor.Tests.Qemu;

/// <summary>Test classes that boot VMs run one after another: two TCG guests at once on a 2-core machine only
/// make each slower.</summary>
[CollectionDefinition(Name)]
public sealed class QemuVmCollection
{
    public const string Name = "qemu VMs";
}

using Actors.Hypervisor;

namespace Actors.Hypervisor.Tests;

/// <summary>Domain specs for the libvirt tests.</summary>
internal static class Specs
{
    public static DomainSpec Node(string name) => new()
    {
        Name = name,
        Service = "greeter",
        Image = "/var/lib/actors/images/greeter",
        MemoryMiB = 64,
        VCpus = 1,
        KernelCommandLine = "quiet panic=-1",
        Environment = new Dictionary<string, string> { ["ACTORS_NODE__SEEDS__0"] = "akka.tcp://actors@10.203.0.1:4053" },
        ReadOnlyDisks = ["/var/lib/actors/images/greeter/runtime.sqfs", "/var/lib/actors/images/greeter/service.sqfs"],
        Network = new NetworkSpec("br0", Mac: "52:54:00:12:34:56"),
    };

    /// <summary>Text that breaks naive XML, xl.cfg and command-line writers.</summary>
    public const string Nasty = "a<b>&c\"d'e\\f ]]> g";
}

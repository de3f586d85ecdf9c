using System.Diagnostics;

namespace Actors.Hypervisor.Tests;

/// <summary>Runs libvirt's <c>virt-xml-validate FILE domain</c> (Debian libvirt-clients), which checks a document
/// against libvirt's own RelaxNG schema for domains.</summary>
internal static class VirtXmlValidate
{
    public static async Task<(int ExitCode, string Output)> DomainAsync(string xml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"actors-domain-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, xml);
        try
        {
            var start = new ProcessStartInfo("virt-xml-validate")
            {
                ArgumentList = { file, "domain" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task AssertValidAsync(string xml)
    {
        var (exit, output) = await DomainAsync(xml);
        Assert.True(exit == 0, $"virt-xml-validate exited {exit}: {output}\n{xml}");
    }
}

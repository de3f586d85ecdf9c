using Actors.Hypervisor;

namespace Actors.Supervision;

/// <summary>The driver calls that bring a node's domain up, or take over one already running, and destroy it.</summary>
public sealed partial class NodeProxy
{
    private static async Task BootAsync(IHypervisor driver, DomainSpec spec)
    {
        // The domain of an earlier incarnation of this child may still be defined (off) on the host.
        try
        {
            var old = await driver.GetAsync(spec.Name);
            if (old.State != DomainState.Off)
            {
                await driver.DestroyAsync(spec.Name);
            }

            await driver.UndefineAsync(spec.Name);
        }
        catch (DomainNotFoundException)
        {
        }

        await driver.DefineAsync(spec);
        await driver.BootAsync(spec.Name);
    }

    private static async Task<bool> BootFreshAsync(IHypervisor driver, DomainSpec spec)
    {
        await BootAsync(driver, spec);
        return false;
    }

    /// <summary>Takes over a domain an earlier supervisor left running; true if it still runs (it is being watched
    /// already, so a death from now on is seen), else boots it afresh and returns false.</summary>
    private static async Task<bool> AttachAsync(IHypervisor driver, DomainSpec spec)
    {
        try
        {
            if ((await driver.GetAsync(spec.Name)).State == DomainState.Running)
            {
                return true;
            }
        }
        catch (DomainNotFoundException)
        {
        }

        await BootAsync(driver, spec);
        return false;
    }

    private static async Task DestroyQuietlyAsync(IHypervisor driver, string name)
    {
        try
        {
            await driver.DestroyAsync(name);
        }
        catch (HypervisorException)
        {
            // Already stopped or gone: nothing is left running.
        }
    }
}

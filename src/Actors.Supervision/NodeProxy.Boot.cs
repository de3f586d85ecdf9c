using Actors.Hypervisor;

namespace Actors.Supervision;

/// <summary>The driver calls that bring a node's domain up, or take over one already running, and destroy it.</summary>
public sealed partial class NodeProxy
{
    private static async Task BootAsync(IHypervisor driver, DomainSpec spec)
    {
        await ClearAsync(driver, spec.Name);
        await driver.DefineAsync(spec);
        await driver.BootAsync(spec.Name);
    }

    /// <summary>Boots the node from one of the host's warm shells if one is ready (true), else cold (false).</summary>
    private static async Task<bool> BootFreshAsync(Host host, DomainSpec spec)
    {
        if (host.Pool is { } pool && host.Driver is IDomainRename rename && await pool.TakeAsync() is { } shell)
        {
            using var connection = shell.Connection;
            await ClearAsync(host.Driver, spec.Name);
            // From here the shell's process is this node's domain: its death is this child's, reported under its name.
            await rename.RenameAsync(shell.Domain, spec);
            await connection.BecomeAsync(spec.Service, spec.Environment);
            return true;
        }

        await BootAsync(host.Driver, spec);
        return false;
    }

    // The domain of an earlier incarnation of this child may still be defined (off) on the host.
    private static async Task ClearAsync(IHypervisor driver, string name)
    {
        try
        {
            var old = await driver.GetAsync(name);
            if (old.State != DomainState.Off)
            {
                await driver.DestroyAsync(name);
            }

            await driver.UndefineAsync(name);
        }
        catch (DomainNotFoundException)
        {
        }
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

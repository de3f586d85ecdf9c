using System.Text;

namespace Actors.Hypervisor;

/// <summary>A domain's files in the state directory.</summary>
/// <param name="Console">The serial console of the current (or last) boot: <c>&lt;domain&gt;.console.log</c>.</param>
/// <param name="Stderr">QEMU's own messages: <c>&lt;domain&gt;.qemu.log</c>.</param>
/// <param name="Qmp">The QMP socket, present while QEMU starts: <c>&lt;domain&gt;.qmp</c>.</param>
/// <param name="IfUp">The script QEMU runs with a bridged domain's new tap in a network namespace: <c>&lt;domain&gt;.ifup</c>.</param>
internal sealed record QemuPaths(string Console, string Stderr, string Qmp, string IfUp)
{
    // sun_path holds 108 bytes including the terminating NUL.
    private const int MaxSocketPath = 107;

    public static QemuPaths For(string stateDirectory, string domain)
    {
        var dir = Path.GetFullPath(stateDirectory);
        var paths = new QemuPaths(Path.Combine(dir, $"{domain}.console.log"), Path.Combine(dir, $"{domain}.qemu.log"), Path.Combine(dir, $"{domain}.qmp"),
            Path.Combine(dir, $"{domain}.ifup"));
        return Encoding.UTF8.GetByteCount(paths.Qmp) <= MaxSocketPath
            ? paths
            : throw new IOException($"the QMP socket path '{paths.Qmp}' is longer than a unix socket allows ({MaxSocketPath} bytes): use a shorter state directory");
    }

    public void Delete()
    {
        File.Delete(Console);
        File.Delete(Stderr);
        File.Delete(Qmp);
        File.Delete(IfUp);
    }

    /// <summary>Writes <see cref="IfUp"/>: QEMU runs it with the tap it made, and it puts the tap on <paramref name="bridge"/>.</summary>
    public void WriteIfUp(string bridge)
    {
        File.WriteAllText(IfUp, $"#!/bin/sh\n# The qemu:// driver's: joins the tap QEMU made ($1) to the domain's bridge.\nexec ip link set dev \"$1\" master '{bridge}' up\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(IfUp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Actors.Hypervisor.Tests;

/// <summary>A process domain must not outlive the host process that booted it.</summary>
public sealed partial class OrphanTests
{
    [Fact]
    public async Task A_process_domain_dies_when_its_host_process_is_killed()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Actors.ProcessHost.dll"));
        start.ArgumentList.Add(Path.Combine(Path.GetTempPath(), "actors-tests", nameof(OrphanTests)));
        start.ArgumentList.Add("/bin/sleep");
        start.ArgumentList.Add("600");
        using var host = Process.Start(start)!;
        int domainPid;
        try
        {
            var line = await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            domainPid = int.Parse(line!, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch
        {
            host.Kill();
            throw;
        }

        // A pidfd lets us await the exit of a process that is not our child, without polling.
        var pidfd = PidfdOpen(domainPid, 0);
        Assert.True(pidfd >= 0, $"domain pid {domainPid} is not running");
        try
        {
            host.Kill();
            await host.WaitForExitAsync();
            var ready = await Task.Run(() =>
            {
                var fds = new PollFd { Fd = pidfd, Events = 1 };
                return Poll(ref fds, 1, 10_000);
            });

            Assert.True(ready == 1, $"the domain (pid {domainPid}) was still running 10 s after its host died");
        }
        finally
        {
            Close(pidfd);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial int Syscall(long number, int pid, int flags);

    private static int PidfdOpen(int pid, int flags) => Syscall(434, pid, flags);

    [LibraryImport("libc", EntryPoint = "poll")]
    private static partial int Poll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}

namespace Actors.Hypervisor;

/// <summary>Why a QEMU exited, from what the driver asked, QMP's SHUTDOWN event and the exit code.</summary>
/// <remarks>Exit code 0 alone does not mean a clean power-off: under <c>-no-reboot</c> a guest reset also ends QEMU
/// with 0, and the kernel runs with <c>panic=-1</c>, so a kernel panic is a reset. So QMP's SHUTDOWN reason decides
/// when there is one: <c>guest-shutdown</c> is a clean power-off, any other (<c>guest-reset</c>,
/// <c>guest-panic</c>, <c>host-signal</c>, ...) is a crash. Only when QMP said nothing does code 0 count as clean.</remarks>
internal static class ExitClassifier
{
    public static (StopReason Reason, string Detail) Classify(StopIntent intent, QmpEvent? shutdown, int exitCode)
    {
        var cause = shutdown is { } e && e.Data.ValueKind == System.Text.Json.JsonValueKind.Object
            && e.Data.TryGetProperty("reason", out var r) ? r.GetString() : null;
        var detail = cause is null ? $"exit code {exitCode}" : $"exit code {exitCode}, {cause}";
        var reason = intent switch
        {
            StopIntent.Destroy => StopReason.Destroyed,
            StopIntent.ShutdownTimedOut => StopReason.Destroyed,
            StopIntent.Shutdown => StopReason.Shutdown,
            _ when cause is not null => cause == "guest-shutdown" ? StopReason.Shutdown : StopReason.Crashed,
            _ => exitCode == 0 ? StopReason.Shutdown : StopReason.Crashed,
        };
        return (reason, intent == StopIntent.ShutdownTimedOut ? $"{detail}, destroyed after the shutdown timed out" : detail);
    }
}

using System.Text.Json;

namespace Actors.Hypervisor.Tests.Qemu;

public sealed class ExitClassifierTests
{
    [Theory]
    [InlineData(StopIntent.Destroy, "host-qmp-quit", 0, StopReason.Destroyed)]
    [InlineData(StopIntent.Destroy, null, 137, StopReason.Destroyed)]
    [InlineData(StopIntent.ShutdownTimedOut, "host-qmp-quit", 0, StopReason.Destroyed)]
    [InlineData(StopIntent.Shutdown, "guest-shutdown", 0, StopReason.Shutdown)]
    [InlineData(StopIntent.None, "guest-shutdown", 0, StopReason.Shutdown)]
    [InlineData(StopIntent.None, "guest-reset", 0, StopReason.Crashed)]
    [InlineData(StopIntent.None, "guest-panic", 0, StopReason.Crashed)]
    [InlineData(StopIntent.None, "host-signal", 0, StopReason.Crashed)]
    [InlineData(StopIntent.None, null, 137, StopReason.Crashed)]
    [InlineData(StopIntent.None, null, 0, StopReason.Shutdown)]
    internal void The_reason_follows_the_intent_then_qmp_then_the_exit_code(StopIntent intent, string? qmpReason, int exitCode, StopReason expected)
    {
        QmpEvent? shutdown = qmpReason is null
            ? null
            : new QmpEvent("SHUTDOWN", JsonDocument.Parse($$"""{"guest": {{(qmpReason.StartsWith("guest", StringComparison.Ordinal) ? "true" : "false")}}, "reason": "{{qmpReason}}"}""").RootElement.Clone());

        var (reason, detail) = ExitClassifier.Classify(intent, shutdown, exitCode);

        Assert.Equal(expected, reason);
        Assert.Contains($"exit code {exitCode}", detail, StringComparison.Ordinal);
    }
}

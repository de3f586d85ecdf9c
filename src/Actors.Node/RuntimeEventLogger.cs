using Akka.Actor;
using Akka.Event;

namespace Actors.Node;

/// <summary>Akka's logger for nodes: turns Akka's own log lines into one-line <see cref="RuntimeEvent"/>s
/// (<c>akka.warning</c>, <c>akka.error</c>, ...) without stack traces, and drops remote association errors
/// once the node is stopping, where they are expected.</summary>
public sealed class RuntimeEventLogger : ReceiveActor
{
    /// <summary>Created by Akka from the <c>akka.loggers</c> setting.</summary>
    public RuntimeEventLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(OnLog);
    }

    private void OnLog(LogEvent e)
    {
        var identity = NodeIdentity.For(Context.System);
        if (identity.Stopping && (e.LogSource.Contains("remot", StringComparison.OrdinalIgnoreCase) || e.LogSource.Contains("endpoint", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var message = e.Message?.ToString() ?? string.Empty;
        var firstLine = message.Split('\n', 2)[0].Trim();
        var fields = new Dictionary<string, string> { ["source"] = e.LogSource, ["message"] = firstLine };
        if (e.Cause is { } cause)
        {
            fields["error"] = $"{cause.GetType().Name}: {cause.Message}";
            // Akka wraps the exception that says what happened (a refused payload's type, say) in its own.
            if (cause.InnerException is not null)
            {
                var root = cause.GetBaseException();
                fields["cause"] = $"{root.GetType().Name}: {root.Message.Split('\n', 2)[0].Trim()}";
            }
        }

        var level = e.LogLevel() switch
        {
            Akka.Event.LogLevel.ErrorLevel => "error",
            Akka.Event.LogLevel.WarningLevel => "warning",
            Akka.Event.LogLevel.InfoLevel => "info",
            _ => "debug",
        };
        Context.System.EventStream.Publish(new RuntimeEvent(identity.Time.GetUtcNow(), $"akka.{level}", identity.Service, identity.Node, fields));
    }
}

using Microsoft.Extensions.Logging;

namespace Actors.Hosting;

/// <summary>Writes runtime events to <see cref="ILogger"/> under the category <c>Actors.Events</c>: Akka's own log
/// lines at their level, failures as errors, restarts as warnings, everything else as information. The event's
/// name, node and fields are also the log entry's structured state.</summary>
internal sealed partial class RuntimeEventLogging(ILoggerFactory loggers) : IRuntimeEventSink
{
    /// <summary>The logger category runtime events are written under.</summary>
    public const string Category = "Actors.Events";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void OnEvent(RuntimeEvent e)
    {
        var level = Level(e.Event);
        if (_logger.IsEnabled(level))
        {
            Log(_logger, level, e.Event, e.Node ?? "-", string.Join(" ", e.Fields.Select(f => $"{f.Key}={f.Value}")));
        }
    }

    /// <summary>The level of an event by its name.</summary>
    public static LogLevel Level(string name) => name switch
    {
        "akka.error" or "supervisor.escalate" or "service.down" or "node.summon.failed" => LogLevel.Error,
        "akka.warning" or "child.restart" or "tls.refused" => LogLevel.Warning,
        "akka.debug" => LogLevel.Debug,
        _ => LogLevel.Information,
    };

    [LoggerMessage(EventId = 1, Message = "{Event} {Node} {Fields}")]
    private static partial void Log(ILogger logger, LogLevel level, string @event, string node, string fields);
}

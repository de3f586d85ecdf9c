using Microsoft.Extensions.Logging;

namespace Actors.Hosting.Tests;

/// <summary>One line a logger wrote: its category, level and formatted message.</summary>
public sealed record LogLine(string Category, LogLevel Level, string Message);

/// <summary>A real logger provider for the host that keeps every line, awaitable.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    public AwaitableLog<LogLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, AwaitableLog<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add(new LogLine(category, logLevel, formatter(state, exception)));
    }
}

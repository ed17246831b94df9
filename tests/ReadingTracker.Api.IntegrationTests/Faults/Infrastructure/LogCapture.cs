using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;

public sealed record CapturedLog(LogLevel Level, string EventName, string Message);

/// <summary>Keeps every log event of the server, so that a test can assert a named event (a CRITICAL alert) was raised.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _events = new();

    public IReadOnlyList<CapturedLog> Events => [.. _events];

    public IEnumerable<CapturedLog> Named(string eventName) => _events.Where(e => e.EventName == eventName);

    public ILogger CreateLogger(string categoryName) => new Logger(_events);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<CapturedLog> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && eventId.Name is { Length: > 0 } name)
            {
                events.Enqueue(new CapturedLog(logLevel, name, formatter(state, exception)));
            }
        }
    }
}

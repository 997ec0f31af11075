using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Every log entry of a host, rendered with its exception, for assertions on what was (not) logged; and each with the
/// trace it was written in (the trace id the JSON console formatter writes with every line).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly ConcurrentQueue<CapturedLogEntry> _records = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public IReadOnlyCollection<CapturedLogEntry> Records => _records;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            logs._entries.Enqueue($"{logLevel} {category}: {message} {exception}");
            logs._records.Enqueue(new CapturedLogEntry(logLevel, category, message, Activity.Current?.TraceId.ToHexString()));
        }
    }
}

/// <summary>One log entry: its level, category, rendered message and the trace it was written in (null: none).</summary>
public sealed record CapturedLogEntry(LogLevel Level, string Category, string Message, string? TraceId);

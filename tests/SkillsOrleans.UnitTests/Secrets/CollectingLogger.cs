using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.UnitTests.Secrets;

/// <summary>Keeps every rendered log line (and its exception text) so tests can check what a log would contain.</summary>
public sealed class CollectingLogger : ILogger<HostSecretStore>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}

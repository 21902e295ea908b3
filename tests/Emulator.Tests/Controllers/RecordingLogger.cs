using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tarnfui.Emulator.Tests.Controllers;

/// <summary>Keeps warnings and errors, so a test can show what went wrong inside a background loop.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Problems { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Problems.Enqueue(formatter(state, exception) + (exception is null ? "" : ": " + exception));
        }
    }
}

using System.Diagnostics;
using NodaTime;

namespace Tarnfui.Emulator.Server;

/// <summary>
/// The sandbox's time: starts at a chosen instant and runs at <see cref="Speed"/> times real time (0 = frozen), and
/// can be set or advanced at will, so a night passes in seconds. Thread-safe; shared as the <see cref="IClock"/>
/// of the store, the hosted webhook and the hosted sweeper.
/// </summary>
public sealed class SimulatedClock : IClock
{
    private readonly Lock _gate = new();
    private Instant _anchor;
    private long _anchorTimestamp;
    private double _speed;

    public SimulatedClock(Instant start, double speed = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(speed);
        _anchor = start;
        _anchorTimestamp = Stopwatch.GetTimestamp();
        _speed = speed;
    }

    /// <summary>Simulated seconds per real second; changing it keeps the current instant.</summary>
    public double Speed
    {
        get
        {
            lock (_gate)
            {
                return _speed;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (_gate)
            {
                Reanchor(Now());
                _speed = value;
            }
        }
    }

    public Instant GetCurrentInstant()
    {
        lock (_gate)
        {
            return Now();
        }
    }

    /// <summary>Jumps to <paramref name="instant"/>; time then runs on from there at the same speed.</summary>
    public void SetTo(Instant instant)
    {
        lock (_gate)
        {
            Reanchor(instant);
        }
    }

    /// <summary>Moves time forward (or back, with a negative duration).</summary>
    public void Advance(Duration duration)
    {
        lock (_gate)
        {
            Reanchor(Now() + duration);
        }
    }

    private Instant Now() =>
        _anchor + Duration.FromTimeSpan(Stopwatch.GetElapsedTime(_anchorTimestamp) * _speed);

    private void Reanchor(Instant instant)
    {
        _anchor = instant;
        _anchorTimestamp = Stopwatch.GetTimestamp();
    }
}

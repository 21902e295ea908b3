namespace Tarnfui.Sweeper.Tests.Hosting;

/// <summary>
/// A monotonic clock that moves only when a test moves it, the way a process resumed after SIGSTOP sees its clock
/// jump. Only timestamps are stepped: timers and wall-clock time stay the system's.
/// </summary>
public sealed class SteppedTimestamps : TimeProvider
{
    private long _ticks = TimeSpan.TicksPerDay;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

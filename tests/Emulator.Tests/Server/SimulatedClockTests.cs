using NodaTime;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Emulator.Tests.Server;

public sealed class SimulatedClockTests
{
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 27, 18, 55);

    [Fact]
    public void A_frozen_clock_stays_where_it_is_set_and_advances_on_demand()
    {
        var clock = new SimulatedClock(Evening, speed: 0);

        clock.GetCurrentInstant().ShouldBe(Evening);
        clock.Advance(Duration.FromHours(12));
        clock.GetCurrentInstant().ShouldBe(Evening + Duration.FromHours(12));
        clock.SetTo(Evening);
        clock.GetCurrentInstant().ShouldBe(Evening);
    }

    [Fact]
    public void A_fast_clock_runs_ahead_of_real_time()
    {
        var clock = new SimulatedClock(Evening, speed: 3600);
        var realStart = System.Diagnostics.Stopwatch.GetTimestamp();

        // Poll (bounded) until a simulated minute has passed: at 3600x that is ~17 ms of real time.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (clock.GetCurrentInstant() < Evening + Duration.FromMinutes(1) && DateTime.UtcNow < deadline)
        {
            Thread.Yield();
        }

        clock.GetCurrentInstant().ShouldBeGreaterThanOrEqualTo(Evening + Duration.FromMinutes(1));
        System.Diagnostics.Stopwatch.GetElapsedTime(realStart).ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Changing_the_speed_keeps_the_current_instant()
    {
        var clock = new SimulatedClock(Evening, speed: 0);

        clock.Speed = 0;
        clock.Advance(Duration.FromMinutes(5));

        clock.GetCurrentInstant().ShouldBe(Evening + Duration.FromMinutes(5));
        Should.Throw<ArgumentOutOfRangeException>(() => clock.Speed = -1);
    }
}

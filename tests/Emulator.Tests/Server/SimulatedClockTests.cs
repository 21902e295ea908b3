using NodaTime;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

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
        // A clock at speed 1 is real time, started after the fast one and read before it: whatever the machine's
        // load, the fast clock has run at least as long as it, 3600 times over.
        var fast = new SimulatedClock(Evening, speed: 3600);
        var real = new SimulatedClock(Evening, speed: 1);
        using var bound = new CancellationTokenSource(Eventually.Bound);
        while (fast.GetCurrentInstant() < Evening + Duration.FromMinutes(1) && !bound.IsCancellationRequested)
        {
            Thread.Yield();
        }

        var realRun = real.GetCurrentInstant() - Evening;
        var fastRun = fast.GetCurrentInstant() - Evening;

        fastRun.ShouldBeGreaterThanOrEqualTo(Duration.FromMinutes(1));
        fastRun.ShouldBeGreaterThan(realRun * 1000, $"real time ran {realRun}");
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

using NodaTime;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Core.Tests.Schedule;

// Timings belong in bench/; allocations are deterministic, so the zero-allocation promise is checked here.
public class ScheduleEvaluationCostTests
{
    [Fact]
    public void Matches_allocates_nothing()
    {
        var spec = ScheduleSpec.Parse("Mon-Fri 07:30-12:00 Europe/Berlin, Mon-Fri 13:00-20:30 America/New_York, 2026-12-24T00:00:00+01:00-2026-12-27T00:00:00+01:00").Value;
        var instants = Enumerable.Range(0, 24 * 14).Select(h => Instant.FromUtc(2026, 10, 20, 0, 0) + Duration.FromHours(h)).ToArray();
        var matches = 0;
        foreach (var instant in instants)
        {
            matches += spec.Matches(instant) ? 1 : 0; // warms up the JIT and the zones' interval caches
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 10; round++)
        {
            foreach (var instant in instants)
            {
                matches += spec.Matches(instant) ? 1 : 0;
            }
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        matches.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Transitions_near_the_end_of_time_stop_at_the_last_instant()
    {
        var spec = ScheduleSpec.Parse("Mon-Fri 07:00-19:00 UTC").Value;
        var from = Instant.FromUtc(9999, 12, 20, 0, 0);
        var transitions = spec.TransitionsAfter(from, Duration.FromDays(3650)).ToList();
        transitions.ShouldNotBeEmpty();
        transitions.ShouldAllBe(t => t.At > from);
    }

    [Fact]
    public void Transitions_from_the_start_of_time_do_not_overflow()
    {
        var spec = ScheduleSpec.Parse("Mon-Fri 07:00-19:00 Pacific/Kiritimati").Value;
        spec.TransitionsAfter(Instant.MinValue, Duration.FromDays(10)).ShouldNotBeEmpty();
    }
}

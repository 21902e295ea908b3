using CsCheck;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Schedule;
using Tarnfui.Core.Tests.Schedule;
using static Tarnfui.Core.Tests.Schedule.SpecGenerators;

namespace Tarnfui.Core.Tests.Policy;

/// <summary>
/// The next flip walks the parts of the uptime, the downtime and the holidays together, skips what cannot change and
/// stops early when nothing can: none of it may change an answer. The reference is the definition itself, checked
/// on every instant where any of the three may flip.
/// </summary>
public class NextFlipPropertyTests
{
    private static readonly Gen<string> Uptime = Gen.Frequency((3, AnySpec), (2, Quiet), (1, Gen.Const("always")), (1, Gen.Const("never")));
    private static readonly Gen<string> Downtime = Gen.Frequency((3, Gen.Const("never")), (3, AnySpec), (2, Quiet), (1, Gen.Const("always")));
    private static readonly Gen<string> Holidays = Gen.Frequency((3, Gen.Const("never")), (2, SpecGenerators.AbsolutePart.Array[1, 3].Select(parts => string.Join(", ", parts))));

    [Fact]
    public void The_next_flip_is_the_first_instant_where_off_hours_change()
    {
        Gen.Select(Uptime, Downtime, Holidays, Gen.OneOf(Near, Before), Gen.Int[1, 40]).Sample((uptime, downtime, holidayText, now, days) =>
        {
            var schedule = new EffectiveSchedule(ScheduleSpec.Parse(uptime).Value, ScheduleSpec.Parse(downtime).Value, PolicyScope.Workload);
            var holidays = ScheduleSpec.Parse(holidayText).Value;
            var horizon = Duration.FromDays(days);
            var expected = GridOracle.Flips(at => PolicyResolver.IsOffHours(schedule, holidays, at), [uptime, downtime, holidayText], now, now + horizon)
                .Select(flip => (Instant?)flip.At).FirstOrDefault();

            PolicyResolver.NextFlip(schedule, holidays, now, horizon, null, CancellationToken.None)
                .ShouldBe(expected, $"uptime \"{uptime}\", downtime \"{downtime}\", holidays \"{holidayText}\" from {now}");
        }, iter: 300, threads: 1);
    }
}

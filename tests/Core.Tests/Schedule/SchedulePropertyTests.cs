using CsCheck;
using NodaTime;
using Tarnfui.Core.Schedule;
using static Tarnfui.Core.Tests.Schedule.SpecGenerators;

namespace Tarnfui.Core.Tests.Schedule;

public class SchedulePropertyTests
{
    [Fact]
    public void An_overnight_window_is_the_union_of_its_two_same_day_halves()
    {
        Gen.Select(Gen.Int[0, 6], Gen.Int[1, 1439], Gen.Int[0, 1438], Zone, Near)
            .Where(t => t.Item3 < t.Item2)
            .Sample((day, from, to, zone, at) =>
            {
                var overnight = ScheduleSpec.Parse($"{Days[day]} {Clock(from)}-{Clock(to)} {zone}").Value;
                var halves = ScheduleSpec.Parse($"{Days[day]} {Clock(from)}-24:00 {zone}, {Days[(day + 1) % 7]} 00:00-{Clock(to)} {zone}").Value;
                overnight.Matches(at).ShouldBe(halves.Matches(at), $"{overnight.Text} vs {halves.Text} at {at}");
            }, iter: 20_000, threads: 1);
    }

    [Fact]
    public void A_spelling_of_another_downscaler_means_its_strict_form()
    {
        Gen.Select(Respelled, Near).Sample((specs, at) =>
        {
            var variant = ScheduleSpec.Parse(specs.Variant);
            variant.Error.ShouldBeNull(specs.Variant);
            var strict = ScheduleSpec.Parse(specs.Strict).Value;
            variant.Value.Matches(at).ShouldBe(strict.Matches(at), $"{specs.Variant} vs {specs.Strict} at {at}");
            variant.Value.TransitionsAfter(at, Duration.FromDays(3)).ShouldBe(strict.TransitionsAfter(at, Duration.FromDays(3)), specs.Variant);
        }, iter: 2_000, threads: 1);
    }

    [Fact]
    public void Transitions_agree_with_Matches_just_before_and_at_each_one()
    {
        Gen.Select(AnySpec, Near, Gen.Int[1, 20]).Sample((text, from, days) =>
        {
            var spec = ScheduleSpec.Parse(text).Value;
            var end = from + Duration.FromDays(days);
            var previous = from;
            var matching = spec.Matches(from);
            foreach (var transition in spec.TransitionsAfter(from, Duration.FromDays(days)))
            {
                transition.At.ShouldBeGreaterThan(previous, text);
                transition.At.ShouldBeLessThanOrEqualTo(end, text);
                transition.Matching.ShouldBe(!matching, $"{text}: transitions alternate");
                spec.Matches(transition.At).ShouldBe(transition.Matching, $"{text} at {transition.At}");
                spec.Matches(transition.At - Duration.Epsilon).ShouldBe(matching, $"{text} just before {transition.At}");
                previous = transition.At;
                matching = transition.Matching;
            }
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void Transitions_miss_no_flip_on_the_quarter_hour_grid_or_at_absolute_instants()
    {
        Gen.Select(AnySpec, Near, Gen.Int[1, 10]).Sample((text, from, days) =>
        {
            var spec = ScheduleSpec.Parse(text).Value;
            var horizon = Duration.FromDays(days);
            var reported = spec.TransitionsAfter(from, horizon).Select(t => (t.At, t.Matching)).ToList();
            GridOracle.Flips(spec.Matches, [text], from, from + horizon).ToList().ShouldBe(reported, text);
        }, iter: 300, threads: 1);
    }

    // Constant for weeks while their parts flip daily, then flipping from a DST change or a written instant on: the
    // search crosses the constant stretch without walking it, and must still find where it ends.
    [Fact]
    public void Transitions_of_specs_constant_for_weeks_miss_no_flip()
    {
        Gen.Select(Quiet, Gen.OneOf(Near, Before), Gen.Int[1, 50]).Sample((text, from, days) =>
        {
            var spec = ScheduleSpec.Parse(text).Value;
            var horizon = Duration.FromDays(days);
            var reported = spec.TransitionsAfter(from, horizon).Select(t => (t.At, t.Matching)).ToList();
            GridOracle.Flips(spec.Matches, [text], from, from + horizon).ToList().ShouldBe(reported, text);
        }, iter: 150, threads: 1);
    }
}

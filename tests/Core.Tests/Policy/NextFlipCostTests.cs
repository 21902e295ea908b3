using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Schedule;
using Tarnfui.Core.Tests.Schedule;

namespace Tarnfui.Core.Tests.Policy;

/// <summary>
/// Issue 14: an uptime of one-minute parts with <c>downtime=always</c> made the next-flip search evaluate every part
/// at every candidate of a year. The work is counted, not timed: evaluations of parts and instants examined.
/// </summary>
public class NextFlipCostTests
{
    private static readonly ScheduleSpec NoHolidays = Parse("never");

    // Tuesday 22:00 UTC: after the minute parts' window, so off-hours.
    private static readonly Instant TuesdayNight = Instant.FromUtc(2026, 11, 24, 22, 0);

    [Fact]
    public void Off_hours_held_by_downtime_always_have_no_end_and_cost_no_evaluation()
    {
        var cost = new SearchCost();
        var schedule = Schedule(ScheduleLimitTests.MinuteParts(ScheduleLimits.MaxParts, "UTC"), "always");

        PolicyResolver.NextFlip(schedule, NoHolidays, TuesdayNight, PolicyResolver.Horizon, cost, CancellationToken.None).ShouldBeNull();

        cost.PartEvaluations.ShouldBe(0);
        cost.Candidates.ShouldBe(0);
    }

    public static TheoryData<string, string, string> NeverEnding => new()
    {
        { "downtime until a far instant holds off-hours, UTC parts", "UTC", "until 2100-01-01T00:00:00Z" },
        { "downtime until a far instant holds off-hours, parts in a DST zone", "Europe/Berlin", "until 2100-01-01T00:00:00Z" },
        { "a downtime that covers every day in two halves", "America/New_York", "Mon-Sun 00:00-12:00 UTC, Mon-Sun 12:00-24:00 UTC" },
    };

    // Twice the parts, twice the candidates, each evaluating only the part that named it: the cost doubles. A search
    // that evaluated every part at every candidate would cost four times as much.
    [Theory, MemberData(nameof(NeverEnding))]
    public void Evaluations_grow_linearly_with_the_parts_when_off_hours_last_the_whole_horizon(string because, string zone, string downtime)
    {
        var half = Search(ScheduleLimits.MaxParts / 2, zone, downtime);
        var full = Search(ScheduleLimits.MaxParts, zone, downtime);

        full.PartEvaluations.ShouldBeLessThan(3 * half.PartEvaluations, because);
    }

    // At most one evaluation per candidate (a part naming one instant twice is evaluated once), plus every part once at
    // the start and once after each stretch that was skipped.
    [Theory, MemberData(nameof(NeverEnding))]
    public void Each_instant_examined_evaluates_only_the_part_that_named_it(string because, string zone, string downtime)
    {
        var cost = Search(ScheduleLimits.MaxParts, zone, downtime);

        cost.PartEvaluations.ShouldBeLessThanOrEqualTo(cost.Candidates + (cost.Restarts * PartsOf(downtime)), because);
    }

    // Each part names its start and its end once a day: a year of them is 732 per part. Between two changes of the
    // zone's offset every part repeats weekly, so once off-hours have lasted a week of such a stretch the rest of it is
    // skipped: a search that finds nothing walks a week per stretch (a day more for the zone change itself).
    [Theory, MemberData(nameof(NeverEnding))]
    public void A_search_that_finds_nothing_walks_a_week_per_zone_offset_not_a_year(string because, string zone, string downtime)
    {
        var cost = Search(ScheduleLimits.MaxParts, zone, downtime);
        var stretches = DateTimeZoneProviders.Tzdb[zone].GetZoneIntervals(TuesdayNight, TuesdayNight + PolicyResolver.Horizon).Count();

        cost.Candidates.ShouldBeLessThanOrEqualTo(stretches * 8 * 2 * PartsOf(downtime), because);
    }

    public static TheoryData<string, string, string> BeyondTheLimits => new()
    {
        { "the issue's 1,000 one-minute parts", ScheduleLimitTests.MinuteParts(1_000), "more than the limit of 8192 characters per spec" },
        { "one part more than allowed", ScheduleLimitTests.MinuteParts(ScheduleLimits.MaxParts + 1), "more than the limit of 100 parts per spec" },
    };

    // An unreadable annotation never stops a workload: the decision is Invalid, and there is nothing to search.
    [Theory, MemberData(nameof(BeyondTheLimits))]
    public void An_uptime_beyond_a_limit_leaves_the_workload_alone_and_names_the_limit(string because, string uptime, string limit)
    {
        var resolver = new PolicyResolver(GlobalPolicy.Create(new ScheduleOptions { Uptime = "Mon-Fri 07:00-19:00", TimeZone = "UTC" }).Value);
        var annotations = new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = uptime, [WellKnown.Annotations.Downtime] = "always" };

        var invalid = resolver.Resolve(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), annotations, false, null, TuesdayNight)
            .ShouldBeOfType<PolicyDecision.Invalid>(because);

        invalid.AnnotationKey.ShouldBe(WellKnown.Annotations.Uptime, because);
        invalid.Message.ShouldStartWith($"{WellKnown.Annotations.Uptime} on the workload: \"{uptime[..40]}…\": ", Case.Sensitive, because);
        invalid.Message.ShouldContain(limit, Case.Sensitive, because);
    }

    // The search runs when the decision's next instant is first read, maybe long after Resolve: the token given to
    // Resolve still stops it (an admission whose caller went away, a sweep shutting down).
    [Fact]
    public void A_token_cancelled_before_the_next_working_hours_are_read_stops_their_search()
    {
        var resolver = new PolicyResolver(GlobalPolicy.Create(new ScheduleOptions { Uptime = "Mon-Fri 07:00-19:00", TimeZone = "UTC" }).Value);
        var annotations = new Dictionary<string, string>
        {
            [WellKnown.Annotations.Uptime] = ScheduleLimitTests.MinuteParts(ScheduleLimits.MaxParts),
            [WellKnown.Annotations.Downtime] = "until 2100-01-01T00:00:00Z",
        };
        using var request = new CancellationTokenSource();

        var decision = resolver.Resolve(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), annotations, false, null, TuesdayNight, request.Token);
        request.Cancel();

        var offHours = decision.ShouldBeOfType<PolicyDecision.OffHours>();
        Should.Throw<OperationCanceledException>(() => offHours.NextWorkingHours);
    }

    private static SearchCost Search(int parts, string zone, string downtime)
    {
        var cost = new SearchCost();
        var schedule = Schedule(ScheduleLimitTests.MinuteParts(parts, zone), downtime);
        PolicyResolver.NextFlip(schedule, NoHolidays, TuesdayNight, PolicyResolver.Horizon, cost, CancellationToken.None).ShouldBeNull();
        return cost;
    }

    private static int PartsOf(string downtime) => ScheduleLimits.MaxParts + Parse(downtime).Parts.Count + NoHolidays.Parts.Count;

    private static EffectiveSchedule Schedule(string uptime, string downtime) => new(Parse(uptime), Parse(downtime), PolicyScope.Workload);

    private static ScheduleSpec Parse(string text) => ScheduleSpec.Parse(text).Value;
}

using NodaTime;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Core.Tests.Schedule;

/// <summary>What a transition search costs, counted rather than timed, and how a caller stops it.</summary>
public class TransitionSearchCostTests
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 1, 5, 0, 0);

    public static TheoryData<string, string> Constant => new()
    {
        { "always", "always" },
        { "never twice", "never, never" },
        { "an always part makes the rest irrelevant", "always, Mon-Fri 07:00-19:00 UTC" },
        { "every day all day, DST included", "Mon-Sun 00:00-24:00 Europe/Berlin" },
        { "an empty window never matches", "Mon 08:00-08:00 UTC, never" },
    };

    [Theory, MemberData(nameof(Constant))]
    public void A_spec_that_cannot_flip_has_no_transitions_and_costs_nothing(string because, string text)
    {
        var cost = new SearchCost();

        ScheduleSpec.Parse(text).Value.TransitionsAfter(Monday, Duration.FromDays(366), cost, CancellationToken.None).ShouldBeEmpty(because);

        cost.Candidates.ShouldBe(0, because);
        cost.PartEvaluations.ShouldBe(0, because);
    }

    // London shows UTC's time in winter: the two halves tile every day until summer time opens an hour's gap. The
    // spec stays unchanged from January to the end of March while both parts flip daily; after a week unchanged the
    // search skips to the DST change instead of examining twelve weeks of candidates.
    [Fact]
    public void A_spec_unchanged_until_a_DST_change_is_crossed_after_a_week_of_candidates()
    {
        var spec = ScheduleSpec.Parse("Mon-Sun 00:00-12:00 Europe/London, Mon-Sun 12:00-24:00 UTC").Value;
        var cost = new SearchCost();

        var first = spec.TransitionsAfter(Monday, Duration.FromDays(366), cost, CancellationToken.None).First();

        first.ShouldBe(new ScheduleTransition(Instant.FromUtc(2026, 3, 29, 11, 0), false));
        cost.Candidates.ShouldBeLessThanOrEqualTo(2 * 2 * (7 + 2));
    }

    [Fact]
    public void A_cancelled_search_throws_instead_of_walking_on()
    {
        var spec = ScheduleSpec.Parse(ScheduleLimitTests.MinuteParts(ScheduleLimits.MaxParts)).Value;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Should.Throw<OperationCanceledException>(() => spec.TransitionsAfter(Monday, Duration.FromDays(366), cancelled.Token).ToList());
    }
}

using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Core.Tests.Policy;

public sealed class PolicyDecisionTests
{
    private static readonly EffectiveSchedule Schedule = new(
        ScheduleSpec.Parse("Mon-Fri 07:00-19:00 UTC", ScheduleDefaults.None).Value,
        ScheduleSpec.Parse("never", ScheduleDefaults.None).Value,
        PolicyScope.Global);

    private static readonly Instant Morning = Instant.FromUtc(2026, 11, 30, 7, 0);

    [Fact]
    public void The_next_transition_is_searched_once_on_first_read_and_never_when_unread()
    {
        var searches = 0;
        var offHours = new PolicyDecision.OffHours(Schedule, 0, () => { searches++; return Morning; }, holiday: false);
        var workingHours = new PolicyDecision.WorkingHours(Schedule, () => { searches++; return Morning; });

        searches.ShouldBe(0);
        offHours.DowntimeReplicas.ShouldBe(0);
        offHours.NextWorkingHours.ShouldBe(Morning);
        offHours.NextWorkingHours.ShouldBe(Morning);
        searches.ShouldBe(1);
        workingHours.NextOffHours.ShouldBe(Morning);
        searches.ShouldBe(2);
    }

    [Fact]
    public void Decisions_with_the_same_values_are_equal_however_their_transition_was_given()
    {
        new PolicyDecision.OffHours(Schedule, 1, () => Morning, holiday: true).ShouldBe(new PolicyDecision.OffHours(Schedule, 1, Morning, holiday: true));
        new PolicyDecision.OffHours(Schedule, 1, Morning, holiday: true).ShouldNotBe(new PolicyDecision.OffHours(Schedule, 1, Morning, holiday: false));
        new PolicyDecision.WorkingHours(Schedule, () => null).ShouldBe(new PolicyDecision.WorkingHours(Schedule, (Instant?)null));
        new PolicyDecision.WorkingHours(Schedule, Morning).ShouldNotBe(new PolicyDecision.WorkingHours(Schedule, (Instant?)null));
        new PolicyDecision.WorkingHours(Schedule, Morning).GetHashCode().ShouldBe(new PolicyDecision.WorkingHours(Schedule, () => Morning).GetHashCode());
    }
}

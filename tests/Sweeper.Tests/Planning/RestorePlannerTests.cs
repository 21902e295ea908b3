using Tarnfui.Core;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

public class RestorePlannerTests
{
    private const string Original = WellKnown.Annotations.OriginalReplicas;
    private const string Exclude = WellKnown.Annotations.Exclude;
    private const string Uptime = WellKnown.Annotations.Uptime;
    private const string DowntimeReplicas = WellKnown.Annotations.DowntimeReplicas;
    private const string Held = WellKnown.Annotations.HeldReplicas;
    private const string ExcludeUntil = WellKnown.Annotations.ExcludeUntil;
    private const string SleepUntil = WellKnown.Annotations.SleepUntil;
    private const string Restore = WellKnown.Annotations.Restore;
    private const string Manual = WellKnown.Annotations.ManualRestoreValue;

    // case, namespace, instant, replicas (-1 = unknown, from the metadata list), annotations, namespace annotations, expected, expected replicas
    public static TheoryData<string, string, string, int, string, string, string, int> Cases => new()
    {
        { "morning restores the recorded count", "shop", "morning", -1, $"{Original}=3", "", nameof(RestorePlan.Restore), 3 },
        { "night holds it down", "shop", "evening", -1, $"{Original}=3", "", nameof(RestorePlan.Hold), 0 },
        { "excluded at night is restored at once", "shop", "evening", -1, $"{Original}=3;{Exclude}=true", "", nameof(RestorePlan.Restore), 3 },
        { "namespace excluded at night is restored at once", "shop", "evening", -1, $"{Original}=3", $"{Exclude}=true", nameof(RestorePlan.Restore), 3 },
        { "untouched count is restored when known", "shop", "morning", 0, $"{Original}=5", "", nameof(RestorePlan.Restore), 5 },
        { "count changed overnight is respected", "shop", "morning", 2, $"{Original}=5", "", nameof(RestorePlan.Forget), 2 },
        { "held at the downtime count is restored", "shop", "morning", 1, $"{Original}=4;{DowntimeReplicas}=1", "", nameof(RestorePlan.Restore), 4 },
        { "unreadable state is left alone", "shop", "morning", -1, $"{Original}=three", "", nameof(RestorePlan.Invalid), 0 },
        { "unreadable schedule: the global schedule's working hours restore it", "shop", "morning", -1, $"{Original}=3;{Uptime}=sometimes", "", nameof(RestorePlan.Restore), 3 },
        { "unreadable schedule: held until the global schedule's working hours", "shop", "evening", -1, $"{Original}=3;{Uptime}=sometimes", "", nameof(RestorePlan.Hold), 0 },
        { "unreadable exclude on the workload: restored by the global schedule", "shop", "morning", 0, $"{Original}=3;{Held}=0;{Exclude}=maybe", "", nameof(RestorePlan.Restore), 3 },
        { "unreadable exclude-until on the workload: restored by the global schedule", "shop", "morning", -1, $"{Original}=3;{ExcludeUntil}=tomorrow", "", nameof(RestorePlan.Restore), 3 },
        { "unreadable uptime on the namespace: restored by the global schedule", "shop", "morning", -1, $"{Original}=3", $"{Uptime}=Mon-Fri 7:00-19:00", nameof(RestorePlan.Restore), 3 },
        { "unreadable downtime-replicas on an old record: held at the global 0", "shop", "morning", 0, $"{Original}=3;{DowntimeReplicas}=lots", "", nameof(RestorePlan.Restore), 3 },
        { "downtime-replicas raised at night: the held count says nobody changed it", "shop", "morning", 0, $"{Original}=4;{Held}=0;{DowntimeReplicas}=1", "", nameof(RestorePlan.Restore), 4 },
        { "namespace downtime-replicas raised at night: the held count decides", "shop", "morning", 0, $"{Original}=4;{Held}=0", $"{DowntimeReplicas}=1", nameof(RestorePlan.Restore), 4 },
        { "downtime-replicas removed at night from a workload held at 2", "shop", "morning", 2, $"{Original}=4;{Held}=2", "", nameof(RestorePlan.Restore), 4 },
        { "a count that differs from the held count was set by a person", "shop", "morning", 1, $"{Original}=4;{Held}=2;{DowntimeReplicas}=2", "", nameof(RestorePlan.Forget), 1 },
        { "unreadable held count reads as an old record", "shop", "morning", 1, $"{Original}=4;{Held}=x;{DowntimeReplicas}=1", "", nameof(RestorePlan.Restore), 4 },
        { "never-touched namespaces are never touched", "kube-system", "morning", -1, $"{Original}=3", "", nameof(RestorePlan.Hold), 0 },
        { "label without a count is left alone with a warning", "shop", "morning", -1, "", "", nameof(RestorePlan.Invalid), 0 },
        { "a forced sleep holds it in working hours", "shop", "morning", -1, $"{Original}=3;{SleepUntil}=2026-11-26", "", nameof(RestorePlan.Hold), 0 },
        { "a namespace's forced sleep holds it in working hours", "shop", "morning", -1, $"{Original}=3", $"{SleepUntil}=2026-11-26T12:00:00Z", nameof(RestorePlan.Hold), 0 },
        { "an expired forced sleep restores it at once", "shop", "morning", -1, $"{Original}=3;{SleepUntil}=2026-11-24T07:59:00Z", "", nameof(RestorePlan.Restore), 3 },
        { "an unreadable sleep-until never keeps it down", "shop", "morning", -1, $"{Original}=3;{SleepUntil}=next week", "", nameof(RestorePlan.Restore), 3 },
        { "a wake on the workload beats the namespace's forced sleep", "shop", "morning", -1, $"{Original}=3;{ExcludeUntil}=2026-11-24T10:00:00Z", $"{SleepUntil}=2026-11-26", nameof(RestorePlan.Restore), 3 },
        { "restore: manual holds it in working hours", "shop", "morning", -1, $"{Original}=3;{Restore}={Manual}", "", nameof(RestorePlan.Hold), 0 },
        { "restore: manual on the namespace holds it", "shop", "morning", 0, $"{Original}=3;{Held}=0", $"{Restore}={Manual}", nameof(RestorePlan.Hold), 0 },
        { "restore: manual holds it even when excluded", "shop", "evening", -1, $"{Original}=3;{Restore}={Manual};{Exclude}=true", "", nameof(RestorePlan.Hold), 0 },
        { "restore: manual with a count a person changed: the record goes", "shop", "morning", 2, $"{Original}=3;{Held}=0;{Restore}={Manual}", "", nameof(RestorePlan.Forget), 2 },
        { "an unreadable restore value never keeps it down", "shop", "morning", -1, $"{Original}=3;{Restore}=later", "", nameof(RestorePlan.Restore), 3 },
    };

    [Theory]
    [InlineData("unreadable schedule, working hours", "morning", true)]
    [InlineData("unreadable schedule, off-hours", "evening", true)]
    public void A_policy_set_aside_for_the_global_schedule_carries_a_warning(string because, string at, bool expected)
    {
        var workload = Pods.Deployment("shop", "api", null, StopPlannerTests.Map($"{Original}=3;{Exclude}=maybe"), new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" });

        var plan = RestorePlanner.Plan(workload, null, StopPlannerTests.Policy, at == "evening" ? StopPlannerTests.Evening : StopPlannerTests.Morning);

        (plan.Warning is not null).ShouldBe(expected, because);
        plan.Warning!.ShouldContain(Exclude, customMessage: because);
    }

    [Fact]
    public void An_unreadable_restore_value_is_restored_as_normal_with_a_warning_that_quotes_it()
    {
        var workload = Pods.Deployment("shop", "api", null, StopPlannerTests.Map($"{Original}=3;{Restore}=by hand"), new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" });

        var plan = RestorePlanner.Plan(workload, null, StopPlannerTests.Policy, StopPlannerTests.Morning).ShouldBeOfType<RestorePlan.Restore>();

        plan.Warning.ShouldBe($"Restored on the global schedule, as its own policy cannot be read: {Restore}: \"by hand\" is not a restore mode; the only one is \"{Manual}\" (never restored by the sweeper), or remove the annotation");
    }

    [Fact]
    public void A_readable_policy_carries_no_warning() =>
        RestorePlanner.Plan(
            Pods.Deployment("shop", "api", null, StopPlannerTests.Map($"{Original}=3"), new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" }),
            null, StopPlannerTests.Policy, StopPlannerTests.Morning).Warning.ShouldBeNull();

    [Theory, MemberData(nameof(Cases))]
    public void Plan_follows_the_table(string because, string ns, string at, int replicas, string annotations, string namespaceAnnotations, string expected, int expectedReplicas)
    {
        var workload = Pods.Deployment(ns, "api", replicas < 0 ? null : replicas, StopPlannerTests.Map(annotations), new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" });

        var plan = RestorePlanner.Plan(workload, StopPlannerTests.Map(namespaceAnnotations), StopPlannerTests.Policy, at == "evening" ? StopPlannerTests.Evening : StopPlannerTests.Morning);

        plan.GetType().Name.ShouldBe(expected, because);
        switch (plan)
        {
            case RestorePlan.Restore restore:
                restore.Replicas.ShouldBe(expectedReplicas, because);
                break;
            case RestorePlan.Forget forget:
                forget.Replicas.ShouldBe(expectedReplicas, because);
                break;
        }
    }
}

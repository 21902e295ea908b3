using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>The stop and restore planners on CronJobs: the policy as for a Deployment, then the suspend rules.</summary>
public class SuspendPlannerTests
{
    private const string Original = WellKnown.Annotations.OriginalSuspend;
    private const string Exclude = WellKnown.Annotations.Exclude;
    private const string ExcludeUntil = WellKnown.Annotations.ExcludeUntil;
    private const string Uptime = WellKnown.Annotations.Uptime;
    private const string DowntimeReplicas = WellKnown.Annotations.DowntimeReplicas;
    private const string Label = WellKnown.Labels.Stopped;

    // case, instant, spec.suspend, annotations, labels, namespace annotations, expected plan
    public static TheoryData<string, string, bool, string, string, string, string> StopCases => new()
    {
        { "off-hours suspends a running CronJob", "evening", false, "", "", "", nameof(StopPlan.Suspend) },
        { "working hours leave it", "morning", false, "", "", "", nameof(StopPlan.Leave) },
        { "a CronJob a person suspended is left alone", "evening", true, "", "", "", nameof(StopPlan.Leave) },
        { "suspended by Tarnfui is not suspended twice", "evening", true, $"{Original}=false", $"{Label}=true", "", nameof(StopPlan.Leave) },
        { "resumed by a person at night is not suspended again", "evening", false, $"{Original}=false", $"{Label}=true", "", nameof(StopPlan.Leave) },
        { "excluded on the CronJob", "evening", false, $"{Exclude}=true", "", "", nameof(StopPlan.Leave) },
        { "excluded on the namespace", "evening", false, "", "", $"{Exclude}=true", nameof(StopPlan.Leave) },
        { "woken until tomorrow", "evening", false, $"{ExcludeUntil}=2026-11-25", "", "", nameof(StopPlan.Leave) },
        { "its own uptime covers the evening", "evening", false, $"{Uptime}=Mon-Sun 00:00-24:00 UTC", "", "", nameof(StopPlan.Leave) },
        { "the namespace's downtime-replicas does not apply", "evening", false, "", "", $"{DowntimeReplicas}=2", nameof(StopPlan.Suspend) },
        { "an unreadable downtime-replicas does not keep it running", "evening", false, $"{DowntimeReplicas}=lots", "", "", nameof(StopPlan.Suspend) },
        { "an unreadable schedule leaves it alone with a warning", "evening", false, $"{Uptime}=sometimes", "", "", nameof(StopPlan.Invalid) },
        { "an unreadable record leaves it alone with a warning", "evening", true, $"{Original}=maybe", $"{Label}=true", "", nameof(StopPlan.Invalid) },
        { "a forced sleep suspends it in working hours", "morning", false, $"{WellKnown.Annotations.SleepUntil}=2026-11-26", "", "", nameof(StopPlan.Suspend) },
        { "restore: manual is suspended off-hours as usual", "evening", false, $"{WellKnown.Annotations.Restore}={WellKnown.Annotations.ManualRestoreValue}", "", "", nameof(StopPlan.Suspend) },
    };

    [Theory, MemberData(nameof(StopCases))]
    public void Stop_plan_follows_the_table(string because, string at, bool suspend, string annotations, string labels, string namespaceAnnotations, string expected)
    {
        var plan = StopPlanner.Plan(CronJob(suspend, annotations, labels), StopPlannerTests.Map(namespaceAnnotations), StopPlannerTests.Policy, Instant(at));

        plan.GetType().Name.ShouldBe(expected, because);
    }

    // case, instant, spec.suspend (null = unknown), annotations, namespace annotations, expected plan
    public static TheoryData<string, string, bool?, string, string, string> RestoreCases => new()
    {
        { "morning puts the recorded false back", "morning", true, $"{Original}=false", "", "PutBackSuspend(False)" },
        { "a record a person set to true keeps it suspended", "morning", true, $"{Original}=true", "", "PutBackSuspend(True)" },
        { "unknown suspend: the patch tests it", "morning", null, $"{Original}=false", "", "PutBackSuspend(False)" },
        { "night holds it", "evening", true, $"{Original}=false", "", nameof(RestorePlan.Hold) },
        { "resumed by a person: only the record goes", "morning", false, $"{Original}=false", "", nameof(RestorePlan.KeepPersonsSuspend) },
        { "excluded at night: put back at once", "evening", true, $"{Original}=false;{Exclude}=true", "", "PutBackSuspend(False)" },
        { "namespace woken at night: put back at once", "evening", true, $"{Original}=false", $"{ExcludeUntil}=2026-11-25", "PutBackSuspend(False)" },
        { "unreadable schedule: the global schedule's working hours bring it back", "morning", true, $"{Original}=false;{Uptime}=sometimes", "", "PutBackSuspend(False)" },
        { "unreadable record: left alone with a warning", "morning", true, $"{Original}=no", "", nameof(RestorePlan.Invalid) },
        { "the label without the value to restore: left alone with a warning", "morning", true, "", "", nameof(RestorePlan.Invalid) },
        { "a forced sleep holds it in working hours", "morning", true, $"{Original}=false;{WellKnown.Annotations.SleepUntil}=2026-11-26", "", nameof(RestorePlan.Hold) },
        { "an expired forced sleep puts it back", "morning", true, $"{Original}=false", $"{WellKnown.Annotations.SleepUntil}=2026-11-24", "PutBackSuspend(False)" },
        { "restore: manual holds it in working hours", "morning", true, $"{Original}=false", $"{WellKnown.Annotations.Restore}={WellKnown.Annotations.ManualRestoreValue}", nameof(RestorePlan.Hold) },
        { "restore: manual resumed by a person: only the record goes", "morning", false, $"{Original}=false;{WellKnown.Annotations.Restore}={WellKnown.Annotations.ManualRestoreValue}", "", nameof(RestorePlan.KeepPersonsSuspend) },
        { "an unreadable restore value puts it back on the global schedule", "morning", true, $"{Original}=false;{WellKnown.Annotations.Restore}=no", "", "PutBackSuspend(False)" },
    };

    [Theory, MemberData(nameof(RestoreCases))]
    public void Restore_plan_follows_the_table(string because, string at, bool? suspend, string annotations, string namespaceAnnotations, string expected)
    {
        var cronJob = CronJob(suspend, annotations, $"{Label}=true");

        var plan = RestorePlanner.Plan(cronJob, StopPlannerTests.Map(namespaceAnnotations), StopPlannerTests.Policy, Instant(at));

        (plan is RestorePlan.PutBackSuspend back ? $"PutBackSuspend({back.Suspend})" : plan.GetType().Name).ShouldBe(expected, because);
    }

    [Fact]
    public void A_CronJob_never_gets_a_replica_plan()
    {
        var plan = StopPlanner.Plan(CronJob(false, "", ""), null, StopPlannerTests.Policy, StopPlannerTests.Evening);

        plan.ShouldBeOfType<StopPlan.Suspend>().Decision.DowntimeReplicas.ShouldBe(0);
        Should.Throw<ArgumentException>(() => StopPlanner.Plan(CronJob(null, "", ""), null, StopPlannerTests.Policy, StopPlannerTests.Evening))
            .Message.ShouldContain("spec.suspend");
    }

    private static NodaTime.Instant Instant(string at) => at == "evening" ? StopPlannerTests.Evening : StopPlannerTests.Morning;

    private static WorkloadSnapshot CronJob(bool? suspend, string annotations, string labels) =>
        new WorkloadSnapshot(
            new WorkloadRef(WorkloadKind.CronJob, "shop", "nightly"), "uid-nightly", "7", null,
            new WorkloadMetadata(StopPlannerTests.Map(annotations), StopPlannerTests.Map(labels)), false, PodResources.None)
        { Suspend = suspend };
}

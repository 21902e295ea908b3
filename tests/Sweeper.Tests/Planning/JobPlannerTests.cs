using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// The planners on Jobs: the CronJob's suspend rules and record, plus what is a Job's own: a finished Job is never
/// touched, one its CronJob started follows the CronJob, and one another controller owns is left to it.
/// </summary>
public class JobPlannerTests
{
    private const string Original = WellKnown.Annotations.OriginalSuspend;
    private const string Exclude = WellKnown.Annotations.Exclude;
    private const string Label = WellKnown.Labels.Stopped;

    // case, instant, spec.suspend, finished condition ("" none), owner kind ("" none), annotations, labels, expected plan
    public static TheoryData<string, string, bool, string, string, string, string, string> StopCases => new()
    {
        { "off-hours suspends a running Job", "evening", false, "", "", "", "", nameof(StopPlan.Suspend) },
        { "working hours leave it", "morning", false, "", "", "", "", nameof(StopPlan.Leave) },
        { "a Job that completed is never touched", "evening", false, "Complete", "", "", "", nameof(StopPlan.Leave) },
        { "a Job that failed is never touched", "evening", false, "Failed", "", "", "", nameof(StopPlan.Leave) },
        { "a Job a person suspended is theirs", "evening", true, "", "", "", "", nameof(StopPlan.Leave) },
        { "suspended by Tarnfui is not suspended twice", "evening", true, "", "", $"{Original}=false", $"{Label}=true", nameof(StopPlan.Leave) },
        { "resumed by a person at night is not suspended again", "evening", false, "", "", $"{Original}=false", $"{Label}=true", nameof(StopPlan.Leave) },
        { "excluded on the Job", "evening", false, "", "", $"{Exclude}=true", "", nameof(StopPlan.Leave) },
        { "a Job its CronJob started is held too", "evening", false, "", "CronJob", "", "", nameof(StopPlan.Suspend) },
        { "a Job another controller owns is left to it", "evening", false, "", "Workflow", "", "", nameof(StopPlan.OperatorOwned) },
        { "an unreadable record leaves it alone with a warning", "evening", true, "", "", $"{Original}=maybe", $"{Label}=true", nameof(StopPlan.Invalid) },
    };

    [Theory, MemberData(nameof(StopCases))]
    public void Stop_plan_follows_the_table(string because, string at, bool suspend, string finished, string owner, string annotations, string labels, string expected)
    {
        var job = KubeApi.JobSnapshot(Job(suspend, finished, owner, annotations, labels));

        var plan = StopPlanner.Plan(job, null, StopPlannerTests.Policy, at == "evening" ? StopPlannerTests.Evening : StopPlannerTests.Morning);

        plan.GetType().Name.ShouldBe(expected, because);
    }

    // case, spec.suspend (null = unknown: read from the stopped set), annotations, expected plan
    public static TheoryData<string, bool?, string, string> RestoreCases => new()
    {
        { "morning puts the recorded false back", true, $"{Original}=false", "PutBackSuspend(False)" },
        { "unknown suspend: the patch tests it", null, $"{Original}=false", "PutBackSuspend(False)" },
        { "resumed by a person: only the record goes", false, $"{Original}=false", nameof(RestorePlan.KeepPersonsSuspend) },
        { "the label without the value to restore: left alone with a warning", true, "", nameof(RestorePlan.Invalid) },
    };

    [Theory, MemberData(nameof(RestoreCases))]
    public void Restore_plan_follows_the_table(string because, bool? suspend, string annotations, string expected)
    {
        var job = KubeApi.JobSnapshot(Job(suspend ?? true, "", "", annotations, $"{Label}=true")) with { Suspend = suspend };

        var plan = RestorePlanner.Plan(job, null, StopPlannerTests.Policy, StopPlannerTests.Morning);

        (plan is RestorePlan.PutBackSuspend back ? $"PutBackSuspend({back.Suspend})" : plan.GetType().Name).ShouldBe(expected, because);
    }

    // case, its CronJob's spec.suspend (null: not in the view), the CronJob's annotations and labels, expected plan of the Job
    public static TheoryData<string, bool?, string, string, string> CronJobCases => new()
    {
        { "a CronJob about to be suspended takes its running Job along", false, "", "", nameof(StopPlan.Suspend) },
        { "a CronJob Tarnfui holds takes its running Job along", true, $"{Original}=false", $"{Label}=true", nameof(StopPlan.Suspend) },
        { "a CronJob a person resumed at night keeps its Job running", false, $"{Original}=false", $"{Label}=true", nameof(StopPlan.Leave) },
        { "a CronJob a person suspended leaves its Job to them", true, "", "", nameof(StopPlan.Leave) },
        { "an excluded CronJob keeps its Job running", false, $"{Exclude}=true", "", nameof(StopPlan.Leave) },
        { "a CronJob the view does not have: the Job's own plan stands", null, "", "", nameof(StopPlan.Suspend) },
    };

    [Theory, MemberData(nameof(CronJobCases))]
    public void A_Job_its_CronJob_started_follows_the_CronJob(string because, bool? cronJobSuspend, string annotations, string labels, string expected)
    {
        var job = KubeApi.JobSnapshot(Job(false, "", "CronJob", "", ""));
        var cronJob = cronJobSuspend is { } suspend
            ? new WorkloadSnapshot(new WorkloadRef(WorkloadKind.CronJob, "shop", "nightly-owner"), "uid-owner", "9", null,
                new WorkloadMetadata(StopPlannerTests.Map(annotations), StopPlannerTests.Map(labels)), false, PodResources.None)
            { Suspend = suspend }
            : null;

        var plan = CronJobGate.Apply(StopPlanner.Plan(job, null, StopPlannerTests.Policy, StopPlannerTests.Evening), cronJob, null, StopPlannerTests.Policy, StopPlannerTests.Evening);

        job.CronJob.ShouldBe("nightly-owner");
        plan.GetType().Name.ShouldBe(expected, because);
    }

    [Fact]
    public void A_Job_snapshot_reads_suspend_and_finished_from_the_whole_object()
    {
        var unset = KubeApi.JobSnapshot(new JobObject { Metadata = new V1ObjectMeta { Name = "a", NamespaceProperty = "shop", Uid = "u", ResourceVersion = "3" }, Spec = new SuspendSpec() });

        (unset.Ref.Kind, unset.Suspend, unset.Finished, unset.OperatorOwned, unset.ResourceVersion).ShouldBe((WorkloadKind.Job, (bool?)false, false, false, "3"), "an unset spec.suspend is false");
    }

    private static JobObject Job(bool suspend, string finished, string owner, string annotations, string labels) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "nightly",
            NamespaceProperty = "shop",
            Uid = "uid-nightly",
            ResourceVersion = "7",
            Annotations = StopPlannerTests.Map(annotations),
            Labels = StopPlannerTests.Map(labels),
            OwnerReferences = owner.Length == 0 ? null :
            [
                new V1OwnerReference { ApiVersion = owner == "CronJob" ? "batch/v1" : "example.io/v1", Kind = owner, Name = "nightly-owner", Uid = "uid-owner", Controller = true },
            ],
        },
        Spec = new SuspendSpec { Suspend = suspend },
        Status = new JobConditionsStatus { Conditions = finished.Length == 0 ? null : [new V1JobCondition { Type = finished, Status = "True" }] },
    };
}

using Tarnfui.Core;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

public class RestorePlannerTests
{
    private const string Original = WellKnown.Annotations.OriginalReplicas;
    private const string Exclude = WellKnown.Annotations.Exclude;
    private const string Uptime = WellKnown.Annotations.Uptime;
    private const string DowntimeReplicas = WellKnown.Annotations.DowntimeReplicas;

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
        { "unreadable schedule is left alone", "shop", "morning", -1, $"{Original}=3;{Uptime}=sometimes", "", nameof(RestorePlan.Invalid), 0 },
        { "never-touched namespaces are never touched", "kube-system", "morning", -1, $"{Original}=3", "", nameof(RestorePlan.Hold), 0 },
        { "label without a count is left alone with a warning", "shop", "morning", -1, "", "", nameof(RestorePlan.Invalid), 0 },
    };

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

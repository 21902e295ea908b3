using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

public class StopPlannerTests
{
    // Monday 2026-11-23; the default uptime is Mon-Fri 07:00-19:00 UTC.
    internal static readonly Instant Evening = Instant.FromUtc(2026, 11, 23, 20, 0);
    internal static readonly Instant Morning = Instant.FromUtc(2026, 11, 24, 8, 0);
    internal static readonly PolicyResolver Policy = new(GlobalPolicy.Create(new ScheduleOptions()).Value);

    private const string Exclude = WellKnown.Annotations.Exclude;
    private const string ExcludeUntil = WellKnown.Annotations.ExcludeUntil;
    private const string Uptime = WellKnown.Annotations.Uptime;
    private const string DowntimeReplicas = WellKnown.Annotations.DowntimeReplicas;
    private const string Original = WellKnown.Annotations.OriginalReplicas;

    // case, instant, replicas, workload annotations, namespace annotations, operator owned, expected plan, expected "from->to"
    public static TheoryData<string, string, int, string, string, bool, string, string> Cases => new()
    {
        { "running in the evening is stopped", "evening", 3, "", "", false, nameof(StopPlan.ScaleDown), "3->0" },
        { "downtime replicas are kept", "evening", 3, $"{DowntimeReplicas}=1", "", false, nameof(StopPlan.ScaleDown), "3->1" },
        { "namespace downtime replicas apply", "evening", 4, "", $"{DowntimeReplicas}=2", false, nameof(StopPlan.ScaleDown), "4->2" },
        { "working hours leave it running", "morning", 3, "", "", false, nameof(StopPlan.Leave), "" },
        { "at the downtime count is left alone", "evening", 1, $"{DowntimeReplicas}=1", "", false, nameof(StopPlan.Leave), "" },
        { "excluded workload is left alone", "evening", 3, $"{Exclude}=true", "", false, nameof(StopPlan.Leave), "" },
        { "excluded namespace is left alone", "evening", 3, "", $"{Exclude}=true", false, nameof(StopPlan.Leave), "" },
        { "exclude-until in the future is left alone", "evening", 3, $"{ExcludeUntil}=2026-11-24T02:00:00Z", "", false, nameof(StopPlan.Leave), "" },
        { "expired exclude-until is stopped", "evening", 3, $"{ExcludeUntil}=2026-11-23T19:30:00Z", "", false, nameof(StopPlan.ScaleDown), "3->0" },
        { "its own uptime keeps it running late", "evening", 3, $"{Uptime}=Mon-Fri 07:00-22:00 UTC", "", false, nameof(StopPlan.Leave), "" },
        { "operator-owned is skipped and counted", "evening", 3, "", "", true, nameof(StopPlan.OperatorOwned), "" },
        { "an unreadable uptime leaves it alone", "evening", 3, $"{Uptime}=Mon-Fry 07:00-19:00", "", false, nameof(StopPlan.Invalid), "" },
        { "an unreadable state leaves it alone", "evening", 3, $"{Original}=many", "", false, nameof(StopPlan.Invalid), "" },
        { "already stopped is not stopped twice", "evening", 2, $"{Original}=3", "", false, nameof(StopPlan.Leave), "" },
        { "a forced sleep stops it in working hours", "morning", 3, $"{WellKnown.Annotations.SleepUntil}=2026-11-26", "", false, nameof(StopPlan.ScaleDown), "3->0" },
        { "a namespace's forced sleep stops it at its downtime count", "morning", 3, $"{DowntimeReplicas}=1", $"{WellKnown.Annotations.SleepUntil}=2026-11-26", false, nameof(StopPlan.ScaleDown), "3->1" },
        { "an expired forced sleep leaves it running in working hours", "morning", 3, $"{WellKnown.Annotations.SleepUntil}=2026-11-24", "", false, nameof(StopPlan.Leave), "" },
        { "an unreadable sleep-until leaves it alone", "morning", 3, $"{WellKnown.Annotations.SleepUntil}=soon", "", false, nameof(StopPlan.Invalid), "" },
        { "restore: manual is stopped off-hours as usual", "evening", 3, $"{WellKnown.Annotations.Restore}={WellKnown.Annotations.ManualRestoreValue}", "", false, nameof(StopPlan.ScaleDown), "3->0" },
        { "an unreadable restore value leaves it alone", "evening", 3, $"{WellKnown.Annotations.Restore}=never", "", false, nameof(StopPlan.Invalid), "" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Plan_follows_the_table(string because, string at, int replicas, string annotations, string namespaceAnnotations, bool operatorOwned, string expected, string fromTo)
    {
        var workload = Pods.Deployment("shop", "api", replicas, Map(annotations), operatorOwned: operatorOwned);

        var plan = StopPlanner.Plan(workload, Map(namespaceAnnotations), Policy, at == "evening" ? Evening : Morning);

        plan.GetType().Name.ShouldBe(expected, because);
        if (plan is StopPlan.ScaleDown stop)
        {
            $"{stop.From}->{stop.To}".ShouldBe(fromTo, because);
        }
    }

    internal static Dictionary<string, string>? Map(string text) =>
        text.Length == 0 ? null : text.Split(';').Select(pair => pair.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
}

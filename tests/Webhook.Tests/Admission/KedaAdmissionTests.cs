using Tarnfui.Core;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// KEDA's operator writing the <c>/scale</c> of a target whose ScaledObject Tarnfui paused: its writes follow the
/// paused count, the downtime count, and get through; its activation above that count off-hours is refused as any
/// scale-up is; in working hours nothing is refused. No identity of KEDA's is needed for this: it is the table's rule.
/// </summary>
public class KedaAdmissionTests
{
    private static readonly AdmissionSettings Zero = Policies.Settings();

    public static TheoryData<string, int, int, string?, bool, string> Cases => new()
    {
        // because, requested, old, downtime-replicas on the target, off-hours, decision
        { "the evening: KEDA follows the pause down to 0", 0, 3, null, true, "Allow" },
        { "the evening: KEDA follows the pause down to the downtime count", 1, 4, "1", true, "Allow" },
        { "a target KEDA had at 0 is raised to a downtime count of 1: it follows the pause", 1, 0, "1", true, "Allow" },
        { "activation from 0 off-hours would start pods: refused", 1, 0, null, true, "Denied" },
        { "activation above the downtime count off-hours: refused", 3, 0, "1", true, "Denied" },
        { "working hours: KEDA scales as it likes", 5, 0, null, false, "Allow" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void The_KEDA_operator_writes_are_decided_by_the_count_the_policy_holds(string because, int requested, int old, string? downtime, bool offHours, string expected)
    {
        var annotations = downtime is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [WellKnown.Annotations.DowntimeReplicas] = downtime };
        var parent = new ParentWorkload(annotations, false, old);
        var request = Requests.Scale(requested, old, WellKnown.Keda.OperatorServiceAccount);

        var decision = AdmissionDecider.Decide(request, Zero, null, parent, offHours ? Policies.OffHours : Policies.WorkingHours);

        (decision switch
        {
            AdmissionDecision.Denied => "Denied",
            _ when decision == AdmissionDecision.Allow => "Allow",
            _ => decision.ToString(),
        }).ShouldBe(expected, because);
    }
}

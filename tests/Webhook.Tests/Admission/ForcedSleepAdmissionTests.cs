using Tarnfui.Core;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>The messages of a forced sleep (<c>sleep-until</c>) and of the new annotations' errors, as people read them.</summary>
public class ForcedSleepAdmissionTests
{
    [Fact]
    public void A_scale_up_in_working_hours_under_a_forced_sleep_is_refused_naming_the_annotation_and_its_end()
    {
        var parent = new ParentWorkload(new Dictionary<string, string> { [WellKnown.Annotations.SleepUntil] = "2026-11-25T09:00:00Z" }, false, 0);

        var decision = AdmissionDecider.Decide(Requests.Scale(3, 0), Policies.Settings(), null, parent, Policies.WorkingHours);

        decision.ShouldBeOfType<AdmissionDecision.Denied>().Message.ShouldBe(
            $"tarnfui: deployment shop/api is stopped for off-hours (forced sleep: {WellKnown.Annotations.SleepUntil}=2026-11-25T09:00:00Z on the workload) " +
            "until Wed 2026-11-25 10:00 CET. To run it now: kubectl tarnfui wake deployment/api -n shop --for 2h  " +
            $"(or annotate {WellKnown.Annotations.ExcludeUntil}=<RFC3339>)");
    }

    [Fact]
    public void An_expired_forced_sleep_lets_a_working_hours_scale_up_through() =>
        AdmissionDecider.Decide(
            Requests.Scale(3, 0), Policies.Settings(), new Dictionary<string, string> { [WellKnown.Annotations.SleepUntil] = "2026-11-20" }, new ParentWorkload(null, false, 0), Policies.WorkingHours)
            .ShouldBe(AdmissionDecision.Allow);

    [Theory]
    [InlineData(WellKnown.Annotations.SleepUntil, "after the holidays", "is neither an RFC 3339 instant nor a date")]
    [InlineData(WellKnown.Annotations.Restore, "auto", "is not a restore mode; the only one is \"manual\"")]
    public void An_unreadable_value_is_allowed_with_a_warning_that_quotes_the_error(string key, string value, string error)
    {
        var decision = AdmissionDecider.Decide(Requests.Workload("UPDATE", 3, 0, new() { [key] = value }), Policies.Settings(), null, null, Policies.OffHours);

        decision.ShouldBeOfType<AdmissionDecision.Allowed>().Warnings.ShouldHaveSingleItem().ShouldBe($"tarnfui: leaving deployment shop/api alone: {key}: \"{value}\" {error}" + Tail(key));
    }

    [Fact]
    public void A_stopped_workload_under_restore_manual_may_be_scaled_up_by_a_person_in_working_hours()
    {
        var parent = new ParentWorkload(new Dictionary<string, string> { [WellKnown.Annotations.Restore] = WellKnown.Annotations.ManualRestoreValue, [WellKnown.Annotations.OriginalReplicas] = "3" }, false, 0);

        AdmissionDecider.Decide(Requests.Scale(3, 0), Policies.Settings(), null, parent, Policies.WorkingHours).ShouldBe(AdmissionDecision.Allow);
        AdmissionDecider.Decide(Requests.Scale(3, 0), Policies.Settings(), null, parent, Policies.OffHours).ShouldBeOfType<AdmissionDecision.Denied>("off-hours hold it as usual");
    }

    private static string Tail(string key) => key == WellKnown.Annotations.SleepUntil
        ? "; example: \"2026-11-23T18:00:00Z\" or \"2026-11-24\""
        : " (never restored by the sweeper), or remove the annotation";
}

using Tarnfui.Core;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>The decisions people see, with their exact operations and messages.</summary>
public class AdmissionDeciderTests
{
    private const string StoppedAt = "2026-11-22T18:00:00Z";
    private static readonly AdmissionSettings Zero = Policies.Settings();

    [Fact]
    public void Create_off_hours_is_patched_to_zero_with_the_stop_record()
    {
        var decision = AdmissionDecider.Decide(Requests.Workload("CREATE", 5), Zero, null, null, Policies.OffHours);

        var patched = decision.ShouldBeOfType<AdmissionDecision.Patched>();
        patched.Operations.Select(o => o.ToString()).ShouldBe([
            "add /spec/replicas = 0",
            $"add /metadata/annotations = {{\"{WellKnown.Annotations.OriginalReplicas}\": \"5\", \"{WellKnown.Annotations.HeldReplicas}\": \"0\", \"{WellKnown.Annotations.StoppedAt}\": \"2026-11-23T05:00:00Z\"}}",
            $"add /metadata/labels = {{\"{WellKnown.Labels.Stopped}\": \"true\"}}",
        ]);
        patched.Warnings.ShouldHaveSingleItem().ShouldBe(
            "tarnfui: deployment shop/api is stopped for off-hours (schedule \"Mon-Fri 07:00-19:00\"): 0 replicas now, 5 replicas from Mon 2026-11-23 07:00 CET. " +
            "To run it now: kubectl tarnfui wake deployment/api -n shop --for 2h  (or annotate tarnfui.io/exclude-until=<RFC3339>)");
    }

    [Theory]
    [InlineData("Tarnfui's own key", false)]
    [InlineData("kube-downscaler's key, read in compatibility mode", true)]
    public void Force_downtime_on_the_namespace_holds_a_create_in_working_hours(string because, bool kubeDownscaler)
    {
        var key = kubeDownscaler ? WellKnown.KubeDownscaler.ForceDowntime : WellKnown.Annotations.ForceDowntime;
        var settings = Policies.Settings(kubeDownscaler: kubeDownscaler);

        var decision = AdmissionDecider.Decide(Requests.Workload("CREATE", 5), settings, new Dictionary<string, string> { [key] = "true" }, null, Policies.WorkingHours);

        decision.ShouldBeOfType<AdmissionDecision.Patched>(because).Operations[0].ToString().ShouldBe("add /spec/replicas = 0", because);
    }

    [Fact]
    public void Force_downtime_of_kube_downscaler_is_ignored_without_compatibility_mode()
    {
        var namespaceAnnotations = new Dictionary<string, string> { [WellKnown.KubeDownscaler.ForceDowntime] = "true" };

        AdmissionDecider.Decide(Requests.Workload("CREATE", 5), Zero, namespaceAnnotations, null, Policies.WorkingHours)
            .ShouldBeOfType<AdmissionDecision.Allowed>();
    }

    [Fact]
    public void Create_without_replicas_counts_as_one_and_keeps_existing_maps()
    {
        var decision = AdmissionDecider.Decide(
            Requests.Workload("CREATE", null, annotations: new() { ["team"] = "shop" }, labels: new() { ["app"] = "api" }),
            Zero, null, null, Policies.OffHours);

        decision.ShouldBeOfType<AdmissionDecision.Patched>().Operations.Select(o => o.ToString()).ShouldBe([
            "add /spec/replicas = 0",
            $"add /metadata/annotations/{WellKnown.Annotations.OriginalReplicas} = \"1\"",
            $"add /metadata/annotations/{WellKnown.Annotations.HeldReplicas} = \"0\"",
            $"add /metadata/annotations/{WellKnown.Annotations.StoppedAt} = \"2026-11-23T05:00:00Z\"",
            $"add /metadata/labels/{WellKnown.Labels.Stopped} = \"true\"",
        ]);
    }

    [Fact]
    public void Downtime_replicas_from_the_namespace_are_what_the_workload_is_held_at()
    {
        var decision = AdmissionDecider.Decide(
            Requests.Workload("CREATE", 4), Zero, new Dictionary<string, string> { [WellKnown.Annotations.DowntimeReplicas] = "1" }, null, Policies.OffHours);

        decision.ShouldBeOfType<AdmissionDecision.Patched>().Operations[0].ToString().ShouldBe("add /spec/replicas = 1");
    }

    [Fact]
    public void Create_at_or_below_the_downtime_replicas_is_allowed_untouched()
    {
        var decision = AdmissionDecider.Decide(
            Requests.Workload("CREATE", 1), Zero, new Dictionary<string, string> { [WellKnown.Annotations.DowntimeReplicas] = "1" }, null, Policies.OffHours);

        decision.ShouldBe(AdmissionDecision.Allow);
    }

    [Fact]
    public void Update_raising_a_stopped_workload_records_the_newest_intent_and_keeps_the_first_stop_instant()
    {
        Dictionary<string, string> state = new() { [WellKnown.Annotations.OriginalReplicas] = "3", [WellKnown.Annotations.StoppedAt] = StoppedAt };
        Dictionary<string, string> stopped = new() { [WellKnown.Labels.Stopped] = "true" };

        var decision = AdmissionDecider.Decide(
            Requests.Workload("UPDATE", 5, 0, annotations: state, labels: stopped), Zero, null, null, Policies.OffHours);

        // stopped-at is not written at all: the object's own (first) instant stays.
        decision.ShouldBeOfType<AdmissionDecision.Patched>().Operations.Select(o => o.ToString()).ShouldBe([
            "add /spec/replicas = 0",
            $"add /metadata/annotations/{WellKnown.Annotations.OriginalReplicas} = \"5\"",
            $"add /metadata/annotations/{WellKnown.Annotations.HeldReplicas} = \"0\"",
            $"add /metadata/labels/{WellKnown.Labels.Stopped} = \"true\"",
        ]);
    }

    [Theory]
    [InlineData("off-hours", true)]
    [InlineData("working hours, before the sweeper restores it", false)]
    public void Update_that_drops_the_stop_record_of_a_stopped_workload_gets_it_back(string because, bool offHours)
    {
        // kubectl replace (or a GitOps sync) of a manifest that never carried Tarnfui's keys, replicas left at 0.
        var request = Requests.Workload(
            "UPDATE", 0, 0,
            annotations: new() { ["team"] = "shop" },
            labels: null,
            oldAnnotations: new() { ["team"] = "shop", [WellKnown.Annotations.OriginalReplicas] = "4", [WellKnown.Annotations.StoppedAt] = StoppedAt },
            oldLabels: new() { [WellKnown.Labels.Stopped] = "true" });

        var decision = AdmissionDecider.Decide(request, Zero, null, null, offHours ? Policies.OffHours : Policies.WorkingHours);

        var patched = decision.ShouldBeOfType<AdmissionDecision.Patched>(because);
        patched.Operations.Select(o => o.ToString()).ShouldBe([
            $"add /metadata/annotations/{WellKnown.Annotations.OriginalReplicas} = \"4\"",
            $"add /metadata/annotations/{WellKnown.Annotations.StoppedAt} = \"{StoppedAt}\"",
            $"add /metadata/labels = {{\"{WellKnown.Labels.Stopped}\": \"true\"}}",
        ]);
        patched.Warnings.ShouldHaveSingleItem().ShouldContain($"kept {WellKnown.Annotations.OriginalReplicas}=4");
    }

    [Fact]
    public void Update_that_drops_the_stop_record_gets_the_held_count_back_with_it()
    {
        var request = Requests.Workload(
            "UPDATE", 0, 0,
            annotations: null,
            labels: new() { [WellKnown.Labels.Stopped] = "true" },
            oldAnnotations: new() { [WellKnown.Annotations.OriginalReplicas] = "4", [WellKnown.Annotations.HeldReplicas] = "0", [WellKnown.Annotations.StoppedAt] = StoppedAt },
            oldLabels: new() { [WellKnown.Labels.Stopped] = "true" });

        var patched = AdmissionDecider.Decide(request, Zero, null, null, Policies.OffHours).ShouldBeOfType<AdmissionDecision.Patched>();

        patched.Operations.Select(o => o.ToString()).ShouldBe([
            $"add /metadata/annotations = {{\"{WellKnown.Annotations.OriginalReplicas}\": \"4\", \"{WellKnown.Annotations.HeldReplicas}\": \"0\", \"{WellKnown.Annotations.StoppedAt}\": \"{StoppedAt}\"}}",
        ]);
    }

    [Theory]
    [InlineData("a stopped workload comes back on the global schedule", true, "global schedule restores it")]
    [InlineData("a running workload is never stopped on an unreadable annotation", false, "leaving")]
    public void An_unreadable_annotation_says_what_happens_to_the_workload(string because, bool stopped, string expected)
    {
        Dictionary<string, string> annotations = new() { [WellKnown.Annotations.Exclude] = "maybe" };
        if (stopped)
        {
            annotations[WellKnown.Annotations.OriginalReplicas] = "4";
        }

        var request = Requests.Workload("UPDATE", 0, 0, annotations: annotations, labels: stopped ? new() { [WellKnown.Labels.Stopped] = "true" } : null);

        AdmissionDecider.Decide(request, Zero, null, null, Policies.OffHours).ShouldBeOfType<AdmissionDecision.Allowed>(because)
            .Warnings.ShouldHaveSingleItem().ShouldContain(expected, Case.Sensitive, because);
    }

    [Fact]
    public void Update_that_keeps_the_stop_record_is_allowed_untouched()
    {
        Dictionary<string, string> state = new() { [WellKnown.Annotations.OriginalReplicas] = "4", [WellKnown.Annotations.StoppedAt] = StoppedAt };
        var request = Requests.Workload("UPDATE", 0, 0, annotations: state, labels: new() { [WellKnown.Labels.Stopped] = "true" });

        AdmissionDecider.Decide(request, Zero, null, null, Policies.OffHours).ShouldBe(AdmissionDecision.Allow);
    }

    [Fact]
    public void A_person_who_changes_the_replicas_and_drops_the_record_takes_the_workload_over()
    {
        // Scaled down below what was stopped is impossible at zero; with downtime-replicas 2 a person can go to 1.
        var request = Requests.Workload(
            "UPDATE", 1, 2,
            annotations: new() { [WellKnown.Annotations.DowntimeReplicas] = "2" },
            oldAnnotations: new() { [WellKnown.Annotations.DowntimeReplicas] = "2", [WellKnown.Annotations.OriginalReplicas] = "4" },
            labels: null,
            oldLabels: new() { [WellKnown.Labels.Stopped] = "true" });

        AdmissionDecider.Decide(request, Zero, null, null, Policies.OffHours).ShouldBe(AdmissionDecision.Allow);
    }

    [Fact]
    public void Scale_up_off_hours_is_refused_with_the_schedule_the_next_start_and_the_opt_out()
    {
        var parent = new ParentWorkload(new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = "Mon-Fri 07:00-19:00 Europe/Paris" }, false, 0);

        var decision = AdmissionDecider.Decide(Requests.Scale(3, 0), Zero, null, parent, Policies.OffHours);

        decision.ShouldBeOfType<AdmissionDecision.Denied>().Message.ShouldBe(
            "tarnfui: deployment shop/api is stopped for off-hours (schedule \"Mon-Fri 07:00-19:00 Europe/Paris\") until Mon 2026-11-23 07:00 CET. " +
            "To run it now: kubectl tarnfui wake deployment/api -n shop --for 2h  (or annotate tarnfui.io/exclude-until=<RFC3339>)");
    }

    [Fact]
    public void A_long_schedule_is_quoted_shortened_so_the_message_stays_one_short_line()
    {
        var uptime = string.Join(", ", Enumerable.Range(0, 90).Select(i => $"Mon {(i / 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture)}:{(i % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture)}-{(i / 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture)}:{(i % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture)} UTC"));
        var parent = new ParentWorkload(new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = uptime }, false, 0);

        var message = AdmissionDecider.Decide(Requests.Scale(3, 0), Zero, null, parent, Policies.OffHours).ShouldBeOfType<AdmissionDecision.Denied>().Message;

        message.ShouldContain($"schedule \"{uptime[..120]}…\"");
        message.Length.ShouldBeLessThan(400);
    }

    [Fact]
    public void Scale_message_shows_the_next_start_in_the_zone_the_schedule_names()
    {
        var parent = new ParentWorkload(new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = "Mon-Fri 08:00-18:00 America/New_York" }, false, 0);

        var decision = AdmissionDecider.Decide(Requests.Scale(2, 0, resource: "statefulsets"), Zero, null, parent, Policies.OffHours);

        decision.ShouldBeOfType<AdmissionDecision.Denied>().Message.ShouldStartWith(
            "tarnfui: statefulset shop/api is stopped for off-hours (schedule \"Mon-Fri 08:00-18:00 America/New_York\") until Mon 2026-11-23 08:00 EST.");
    }

    [Fact]
    public void Messages_of_one_start_instant_name_it_in_each_schedule_s_own_zone_in_any_order()
    {
        // Both schedules start at 06:00 UTC on Monday: one start, read in two zones, one after the other and back.
        string Until(string uptime) => AdmissionDecider.Decide(
                Requests.Scale(2, 0), Zero, null, new ParentWorkload(new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = uptime }, false, 0), Policies.OffHours)
            .ShouldBeOfType<AdmissionDecision.Denied>().Message.Split(" until ")[1].Split('.')[0];

        for (var round = 0; round < 2; round++)
        {
            Until("Mon-Fri 07:00-19:00 Europe/Paris").ShouldBe("Mon 2026-11-23 07:00 CET");
            Until("Mon-Fri 06:00-18:00 Europe/London").ShouldBe("Mon 2026-11-23 06:00 GMT");
        }
    }

    [Fact]
    public void Scale_whose_parent_could_not_be_read_is_allowed()
    {
        AdmissionDecider.Decide(Requests.Scale(3, 0), Zero, null, parent: null, Policies.OffHours).ShouldBe(AdmissionDecision.Allow);
    }

    [Fact]
    public void Warn_mode_lets_the_scale_up_through_with_a_warning()
    {
        var decision = AdmissionDecider.Decide(Requests.Workload("CREATE", 2), Policies.Settings(WebhookMode.Warn), null, null, Policies.OffHours);

        decision.ShouldBeOfType<AdmissionDecision.Allowed>().Warnings.ShouldHaveSingleItem()
            .ShouldStartWith("tarnfui: deployment shop/api scales up during off-hours (schedule \"Mon-Fri 07:00-19:00\", until Mon 2026-11-23 07:00 CET)");
    }

    [Fact]
    public void Invalid_annotation_is_allowed_with_a_warning_naming_the_problem()
    {
        var decision = AdmissionDecider.Decide(
            Requests.Workload("CREATE", 2, annotations: new() { [WellKnown.Annotations.DowntimeReplicas] = "two" }), Zero, null, null, Policies.OffHours);

        decision.ShouldBeOfType<AdmissionDecision.Allowed>().Warnings.ShouldHaveSingleItem()
            .ShouldBe($"tarnfui: leaving deployment shop/api alone: {WellKnown.Annotations.DowntimeReplicas}: \"two\" is not a replica count; use a whole number from 0, e.g. \"1\"");
    }

    [Fact]
    public void Dry_run_requests_are_decided_like_the_others()
    {
        var real = AdmissionDecider.Decide(Requests.Workload("CREATE", 5), Zero, null, null, Policies.OffHours);
        var dryRun = AdmissionDecider.Decide(Requests.Workload("CREATE", 5, dryRun: true), Zero, null, null, Policies.OffHours);

        dryRun.ShouldBeOfType<AdmissionDecision.Patched>().Operations.Select(o => o.ToString())
            .ShouldBe(((AdmissionDecision.Patched)real).Operations.Select(o => o.ToString()));
    }

    [Theory]
    [InlineData("a core resource", "", "pods", "")]
    [InlineData("another apps resource", "apps", "daemonsets", "")]
    [InlineData("another subresource", "apps", "deployments", "status")]
    public void Requests_about_anything_else_are_allowed_untouched(string because, string group, string resource, string subresource)
    {
        var request = Requests.Workload("CREATE", 5);
        request.Resource = new GroupVersionResource { Group = group, Resource = resource };
        request.SubResource = subresource;

        AdmissionDecider.Decide(request, Zero, null, null, Policies.OffHours).ShouldBe(AdmissionDecision.Allow, because);
    }

    [Fact]
    public void Needs_parent_only_for_a_scale_up_by_someone_other_than_the_sweeper()
    {
        AdmissionDecider.NeedsParent(Requests.Scale(3, 0), Zero).ShouldBeTrue();
        AdmissionDecider.NeedsParent(Requests.Scale(0, 3), Zero).ShouldBeFalse();
        AdmissionDecider.NeedsParent(Requests.Scale(3, 0, Requests.Sweeper), Zero).ShouldBeFalse();
        AdmissionDecider.NeedsParent(Requests.Workload("UPDATE", 3, 0), Zero).ShouldBeFalse();
    }
}

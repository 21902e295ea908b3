using System.Text.Json.Nodes;
using Tarnfui.Core;
using Tarnfui.Core.Replicas;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// The decision table of a CronJob (held down through <c>spec.suspend</c>) on CREATE and UPDATE: what each mode
/// answers, and for a patch, the object the API server stores once it is applied.
/// </summary>
public class CronJobAdmissionTests
{
    public enum Outcome
    {
        Allow,
        Warn,
        Patch,
        Deny,
    }

    private const string Person = Requests.Person;

    private static readonly Dictionary<string, string> Record = new()
    {
        [WellKnown.Annotations.OriginalSuspend] = "false",
        [WellKnown.Annotations.StoppedAt] = "2026-11-20T18:00:00Z",
    };

    private static readonly Dictionary<string, string> StoppedLabel = new() { [WellKnown.Labels.Stopped] = "true" };

    public static TheoryData<string, string, bool?, bool?, bool, bool, string, bool, Outcome> Rows => new()
    {
        // because, operation, new suspend, old suspend, new carries the record, old carries it, mode, off-hours, outcome
        { "created without spec.suspend at night: it would run, so it is stored suspended", "CREATE", null, null, false, false, "zero", true, Outcome.Patch },
        { "created with suspend false at night", "CREATE", false, null, false, false, "zero", true, Outcome.Patch },
        { "created with suspend true at night: the person's, left alone", "CREATE", true, null, false, false, "zero", true, Outcome.Allow },
        { "created with suspend false in working hours", "CREATE", false, null, false, false, "zero", false, Outcome.Allow },
        { "created with a copied record and suspend false: held, the record rewritten", "CREATE", false, null, true, false, "zero", true, Outcome.Patch },
        { "a running CronJob edited at night is no resume: left as it runs, as an unchanged replica count is (the sweeper stops it)", "UPDATE", false, false, false, false, "zero", true, Outcome.Allow },
        { "resumed by a person past the webhook, then an annotation edit at night: the person's resume stands", "UPDATE", false, false, true, true, "zero", true, Outcome.Allow },
        { "held by tarnfui, a person sets suspend false: kept suspended with the intent", "UPDATE", false, true, true, true, "zero", true, Outcome.Patch },
        { "held by tarnfui, a GitOps sync drops the record and spec.suspend: held again", "UPDATE", null, true, false, true, "zero", true, Outcome.Patch },
        { "held by tarnfui, a label edit keeps suspend and the record", "UPDATE", true, true, true, true, "zero", true, Outcome.Allow },
        { "held by tarnfui, a person writes suspend true without the record: theirs", "UPDATE", true, true, false, true, "zero", true, Outcome.Allow },
        { "suspended by a person, edited at night", "UPDATE", true, true, false, false, "zero", true, Outcome.Allow },
        { "held by tarnfui, resumed by a person in working hours", "UPDATE", false, true, true, true, "zero", false, Outcome.Allow },
        { "deny: created to run at night is refused", "CREATE", false, null, false, false, "deny", true, Outcome.Deny },
        { "deny: held by tarnfui, resumed by a person at night is refused", "UPDATE", false, true, true, true, "deny", true, Outcome.Deny },
        { "deny: created suspended is allowed", "CREATE", true, null, false, false, "deny", true, Outcome.Allow },
        { "deny: working hours", "CREATE", false, null, false, false, "deny", false, Outcome.Allow },
        { "warn: created to run at night is let through with a warning", "CREATE", null, null, false, false, "warn", true, Outcome.Warn },
        { "warn: created suspended is allowed silently", "CREATE", true, null, false, false, "warn", true, Outcome.Allow },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decision_table(string because, string operation, bool? suspend, bool? oldSuspend, bool newRecord, bool oldRecord, string mode, bool offHours, Outcome expected)
    {
        var request = Requests.CronJob(
            operation,
            suspend,
            oldSuspend,
            annotations: newRecord ? Record : null,
            labels: newRecord ? StoppedLabel : null,
            oldAnnotations: oldRecord ? Record : null,
            oldLabels: oldRecord ? StoppedLabel : null);
        var now = offHours ? Policies.OffHours : Policies.WorkingHours;

        var decision = AdmissionDecider.Decide(request, Policies.Settings(Enum.Parse<WebhookMode>(mode, ignoreCase: true)), null, null, now);

        OutcomeOf(decision).ShouldBe(expected, because);
        if (decision is AdmissionDecision.Patched patched)
        {
            var stored = JsonPatch.Apply(Json(request.NewObject!), JsonPatchEncoder.Encode(patched.Operations));
            ((bool)stored["spec"]!["suspend"]!).ShouldBeTrue(because);
            var annotations = stored["metadata"]!["annotations"]!;
            ((string?)annotations[WellKnown.Annotations.OriginalSuspend]).ShouldBe("false", because);
            ((string?)annotations[WellKnown.Annotations.StoppedAt]).ShouldNotBeNullOrEmpty(because);
            ((string?)stored["metadata"]!["labels"]![WellKnown.Labels.Stopped]).ShouldBe("true", because);
            patched.Warnings.ShouldHaveSingleItem().ShouldStartWith("tarnfui: cronjob shop/api is suspended for off-hours", customMessage: because);
        }
    }

    [Fact]
    public void The_record_written_reads_back_as_the_intent_the_sweeper_restores()
    {
        var decision = AdmissionDecider.Decide(Requests.CronJob("CREATE", suspend: false), Policies.Settings(), null, null, Policies.OffHours);

        var stored = JsonPatch.Apply(Json(Requests.CronJob("CREATE", false).NewObject!), JsonPatchEncoder.Encode(((AdmissionDecision.Patched)decision).Operations));
        var metadata = stored["metadata"]!;
        var state = SuspendState.Read(Strings(metadata["annotations"]), Strings(metadata["labels"]));

        state.IsValid.ShouldBeTrue();
        state.Value.ShouldBe(new SuspendState(OriginalSuspend: false, StoppedAt: Policies.OffHours));
        SuspendRules.ForRestore(suspended: true, state.Value!).ShouldBe(new ResumeVerdict.PutBack(Suspend: false));
    }

    [Theory]
    [InlineData("workload exclude=true", WellKnown.Annotations.Exclude, "true", false)]
    [InlineData("namespace exclude=true", WellKnown.Annotations.Exclude, "true", true)]
    [InlineData("workload exclude-until in the future", WellKnown.Annotations.ExcludeUntil, "2026-11-23T20:00:00Z", false)]
    [InlineData("namespace exclude-until in the future", WellKnown.Annotations.ExcludeUntil, "2026-11-24", true)]
    public void Exclusions_exempt_a_cronjob_as_they_do_a_deployment(string because, string key, string value, bool onNamespace)
    {
        var annotations = new Dictionary<string, string> { [key] = value };
        var request = Requests.CronJob("CREATE", suspend: false, annotations: onNamespace ? null : annotations);

        AdmissionDecider.Decide(request, Policies.Settings(), onNamespace ? annotations : null, null, Policies.OffHours).ShouldBe(AdmissionDecision.Allow, because);
    }

    [Fact]
    public void The_sweeper_and_never_touched_namespaces_are_allowed_untouched()
    {
        AdmissionDecider.Decide(Requests.CronJob("CREATE", false, user: Requests.Sweeper), Policies.Settings(), null, null, Policies.OffHours).ShouldBe(AdmissionDecision.Allow);
        AdmissionDecider.Decide(Requests.CronJob("CREATE", false, @namespace: "kube-system"), Policies.Settings(), null, null, Policies.OffHours).ShouldBe(AdmissionDecision.Allow);
    }

    [Fact]
    public void An_own_schedule_decides_the_hours()
    {
        var request = Requests.CronJob("CREATE", false, annotations: new() { [WellKnown.Annotations.Uptime] = "Mon-Sun 00:00-24:00" });

        AdmissionDecider.Decide(request, Policies.Settings(), null, null, Policies.OffHours).ShouldBe(AdmissionDecision.Allow);
    }

    [Fact]
    public void An_unreadable_schedule_is_allowed_with_a_warning()
    {
        var request = Requests.CronJob("CREATE", false, annotations: new() { [WellKnown.Annotations.Uptime] = "Mon-Fri 25:00-19:00" });

        AdmissionDecider.Decide(request, Policies.Settings(), null, null, Policies.OffHours)
            .ShouldBeOfType<AdmissionDecision.Allowed>().Warnings.ShouldHaveSingleItem().ShouldStartWith("tarnfui: leaving cronjob shop/api alone:");
    }

    [Fact]
    public void Deny_and_warn_messages_name_the_cronjob_and_the_way_out()
    {
        var denied = AdmissionDecider.Decide(Requests.CronJob("CREATE", false), Policies.Settings(WebhookMode.Deny), null, null, Policies.OffHours);
        var warned = AdmissionDecider.Decide(Requests.CronJob("CREATE", false), Policies.Settings(WebhookMode.Warn), null, null, Policies.OffHours);

        denied.ShouldBeOfType<AdmissionDecision.Denied>().Message.ShouldContain("kubectl tarnfui wake cronjob/api -n shop");
        warned.ShouldBeOfType<AdmissionDecision.Allowed>().Warnings.ShouldHaveSingleItem()
            .ShouldStartWith("tarnfui: cronjob shop/api is set to run during off-hours (schedule \"Mon-Fri 07:00-19:00\", until Mon 2026-11-23 07:00 CET); the sweeper suspends it");
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("CONNECT")]
    public void Other_operations_are_allowed_untouched(string operation) =>
        AdmissionDecider.Decide(Requests.CronJob(operation, false, false), Policies.Settings(), null, null, Policies.OffHours).ShouldBe(AdmissionDecision.Allow);

    private static Outcome OutcomeOf(AdmissionDecision decision) => decision switch
    {
        AdmissionDecision.Patched => Outcome.Patch,
        AdmissionDecision.Denied => Outcome.Deny,
        AdmissionDecision.Allowed { Warnings.Count: > 0 } => Outcome.Warn,
        _ => Outcome.Allow,
    };

    // The object as the API server holds it under admission: absent maps and fields stay absent.
    private static JsonObject Json(KubeObject cronJob)
    {
        var metadata = new JsonObject { ["name"] = cronJob.Metadata!.Name };
        if (cronJob.Metadata.Annotations is { } annotations)
        {
            metadata["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        if (cronJob.Metadata.Labels is { } labels)
        {
            metadata["labels"] = new JsonObject(labels.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        var spec = new JsonObject { ["schedule"] = "*/15 * * * *" };
        if (cronJob.Spec?.Suspend is { } suspend)
        {
            spec["suspend"] = suspend;
        }

        return new JsonObject { ["metadata"] = metadata, ["spec"] = spec };
    }

    private static Dictionary<string, string>? Strings(JsonNode? map) =>
        map?.AsObject().ToDictionary(e => e.Key, e => (string)e.Value!);
}

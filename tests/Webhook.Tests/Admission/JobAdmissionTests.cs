using System.Text.Json.Nodes;
using Tarnfui.Core;
using Tarnfui.Core.Replicas;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// The decision table of a Job (<c>Webhook:SuspendNewJobs</c>): only an off-hours CREATE that would run is held, as a
/// CronJob's is; every UPDATE is let through; with the option off (the default) no Job is ever held.
/// </summary>
public class JobAdmissionTests
{
    public enum Outcome
    {
        Allow,
        Warn,
        Patch,
        Deny,
    }

    public static TheoryData<string, bool, string, bool?, bool?, string, bool, bool, string, Outcome> Rows => new()
    {
        // because, SuspendNewJobs, operation, new suspend, old suspend, mode, off-hours, owned by a CronJob, user, outcome
        { "created without spec.suspend at night: it would run, so it is stored suspended", true, "CREATE", null, null, "zero", true, false, Requests.Person, Outcome.Patch },
        { "created with suspend false at night", true, "CREATE", false, null, "zero", true, false, Requests.Person, Outcome.Patch },
        { "created suspended at night: the person's, left alone", true, "CREATE", true, null, "zero", true, false, Requests.Person, Outcome.Allow },
        { "created in working hours", true, "CREATE", false, null, "zero", false, false, Requests.Person, Outcome.Allow },
        { "deny: created to run at night is refused", true, "CREATE", false, null, "deny", true, false, Requests.Person, Outcome.Deny },
        { "deny: created suspended is allowed", true, "CREATE", true, null, "deny", true, false, Requests.Person, Outcome.Allow },
        { "warn: created to run at night is let through with a warning", true, "CREATE", null, null, "warn", true, false, Requests.Person, Outcome.Warn },
        { "created by its CronJob at night: the CronJob is what Tarnfui holds", true, "CREATE", false, null, "zero", true, true, Requests.Person, Outcome.Allow },
        { "created by the sweeper's service account", true, "CREATE", false, null, "zero", true, false, Requests.Sweeper, Outcome.Allow },
        { "resumed by a person at night: an UPDATE, let through", true, "UPDATE", false, true, "zero", true, false, Requests.Person, Outcome.Allow },
        { "resumed at night in deny mode: still an UPDATE, let through", true, "UPDATE", false, true, "deny", true, false, Requests.Person, Outcome.Allow },
        { "suspended by a person at night", true, "UPDATE", true, false, "zero", true, false, Requests.Person, Outcome.Allow },
        { "SuspendNewJobs off (the default): created to run at night is allowed", false, "CREATE", false, null, "zero", true, false, Requests.Person, Outcome.Allow },
        { "SuspendNewJobs off, deny mode: allowed", false, "CREATE", null, null, "deny", true, false, Requests.Person, Outcome.Allow },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decision_table(
        string because, bool suspendNewJobs, string operation, bool? suspend, bool? oldSuspend, string mode, bool offHours, bool ownedByCronJob, string user, Outcome expected)
    {
        var request = Requests.Job(operation, suspend, oldSuspend, user: user, ownedByCronJob: ownedByCronJob);
        var settings = Policies.Settings(Enum.Parse<WebhookMode>(mode, ignoreCase: true), suspendNewJobs);

        var decision = AdmissionDecider.Decide(request, settings, null, null, offHours ? Policies.OffHours : Policies.WorkingHours);

        OutcomeOf(decision).ShouldBe(expected, because);
    }

    [Fact]
    public void A_held_Job_is_stored_suspended_with_the_intent_the_sweeper_restores()
    {
        var request = Requests.Job("CREATE", suspend: false);

        var decision = AdmissionDecider.Decide(request, Policies.Settings(suspendNewJobs: true), null, null, Policies.OffHours);

        var patched = decision.ShouldBeOfType<AdmissionDecision.Patched>();
        var created = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "api" }, ["spec"] = new JsonObject { ["suspend"] = false } };
        var stored = JsonPatch.Apply(created, JsonPatchEncoder.Encode(patched.Operations));
        ((bool)stored["spec"]!["suspend"]!).ShouldBeTrue();
        var metadata = stored["metadata"]!;
        var state = SuspendState.Read(Strings(metadata["annotations"]), Strings(metadata["labels"]));
        state.Value.ShouldBe(new SuspendState(OriginalSuspend: false, StoppedAt: Policies.OffHours));
        ((string?)metadata["labels"]![WellKnown.Labels.Stopped]).ShouldBe("true");
        patched.Warnings.ShouldHaveSingleItem().ShouldStartWith("tarnfui: job shop/api is suspended for off-hours");
        patched.Warnings[0].ShouldContain("no pod of it starts until");
    }

    [Fact]
    public void Deny_names_the_job_and_the_way_out()
    {
        var denied = AdmissionDecider.Decide(Requests.Job("CREATE", false), Policies.Settings(WebhookMode.Deny, suspendNewJobs: true), null, null, Policies.OffHours);

        denied.ShouldBeOfType<AdmissionDecision.Denied>().Message.ShouldContain("kubectl tarnfui wake job/api -n shop");
    }

    private static Outcome OutcomeOf(AdmissionDecision decision) => decision switch
    {
        AdmissionDecision.Patched => Outcome.Patch,
        AdmissionDecision.Denied => Outcome.Deny,
        AdmissionDecision.Allowed { Warnings.Count: > 0 } => Outcome.Warn,
        _ => Outcome.Allow,
    };

    private static Dictionary<string, string>? Strings(JsonNode? map) =>
        map?.AsObject().ToDictionary(e => e.Key, e => (string)e.Value!);
}

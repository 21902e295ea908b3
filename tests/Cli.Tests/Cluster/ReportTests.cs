using NodaTime;
using Tarnfui.Cli.Cluster.Explain;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Cli.Cluster.Status;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using static Tarnfui.Cli.Tests.Cluster.TestWorkloads;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>status and explain as pure functions of what was read: the words and columns a person sees.</summary>
public class ReportTests
{
    private static readonly ClusterPolicy Defaults = new(DefaultResolver, "defaults (test)");

    private static HeldDown Held(string name, Dictionary<string, string>? annotations = null, Dictionary<string, string>? ns = null)
    {
        var workload = Stopped(0, 3, annotations) with { Ref = new WorkloadRef(WorkloadKind.Deployment, "shop", name) };
        var decision = DefaultResolver.Resolve(workload.Ref, workload.Annotations, false, ns, Night);
        return HeldDown.Create(workload.Ref, 3, workload.Stopped!.StoppedAt, decision, Night);
    }

    [Fact]
    public void Status_table_says_when_each_comes_back_and_why()
    {
        var report = new StatusReport(Night, "shop", "defaults (test)",
        [
            Held("api"),
            Held("woken", new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-24T01:00:00Z" }),
            Held("broken", new() { [WellKnown.Annotations.Uptime] = "sometimes" }),
        ],
        [],
        []);
        using var output = new StringWriter();

        report.Write(output, OutputFormat.Table);

        output.ToString().ShouldBe(
            "NAME                     ORIGINAL   STOPPED   BACK         BACK-AT                WHY\n" +
            "deployment.apps/api      3          3h        in 9h        2026-11-24T07:00:00Z   off-hours\n" +
            "deployment.apps/woken    3          3h        next sweep   <none>                 excluded: exclude-until\n" +
            "deployment.apps/broken   3          3h        never        <none>                 invalid tarnfui.io/uptime\n");
    }

    [Fact]
    public void Status_lists_excluded_namespaces_after_the_workloads()
    {
        var excluded = ExcludedNamespace.Of(DefaultResolver, "ci", new Dictionary<string, string> { [WellKnown.Annotations.ExcludeUntil] = "2026-11-24T00:00:00Z" }, Night)!;
        var report = new StatusReport(Night, null, "defaults (test)", [], [excluded], []);
        using var output = new StringWriter();

        report.Write(output, OutputFormat.Table);

        output.ToString().ShouldBe(
            "No workloads held down by Tarnfui.\n" +
            "\n" +
            "EXCLUDED NAMESPACE   REASON          UNTIL\n" +
            "ci                   exclude-until   2026-11-24T00:00:00Z (in 120m)\n");
    }

    [Fact]
    public void A_namespace_is_excluded_only_by_namespace_or_global_rules()
    {
        ExcludedNamespace.Of(DefaultResolver, "shop", null, Night).ShouldBeNull();
        ExcludedNamespace.Of(DefaultResolver, "kube-system", null, Night)!.Reason.ShouldBe(ExemptionReason.NeverTouchedNamespace);
        ExcludedNamespace.Of(DefaultResolver, WellKnown.Objects.Namespace, null, Night)!.Reason.ShouldBe(ExemptionReason.NeverTouchedNamespace);
        ExcludedNamespace.Of(DefaultResolver, "shop", new Dictionary<string, string> { [WellKnown.Annotations.ExcludeUntil] = "2026-11-23T21:00:00Z" }, Night)
            .ShouldBeNull("an expired exclusion no longer applies");
    }

    [Fact]
    public void Explain_of_an_excluded_workload_still_shows_the_schedule_that_would_apply()
    {
        var workload = Running(3, new() { [WellKnown.Annotations.Exclude] = "true", [WellKnown.Annotations.Uptime] = "Mon-Fri 08:00-20:00 UTC" });

        var e = Explanation.Create(workload, null, Defaults, Night);

        e.Decision.ShouldBeOfType<PolicyDecision.Exempt>();
        e.Schedule!.Uptime.Text.ShouldBe("Mon-Fri 08:00-20:00 UTC");
        e.Schedule.Source.ShouldBe(PolicyScope.Workload);
        e.Transitions.ShouldBeEmpty("an exclusion without an end never changes");
    }

    [Fact]
    public void Explain_lists_expired_and_active_exclusions_from_both_scopes()
    {
        var workload = Running(3, new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-23T20:00:00Z" });
        var ns = new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "false" };

        var e = Explanation.Create(workload, ns, Defaults, Night);

        e.Exclusions.Select(n => $"{n.Key} {n.Scope} {n.State}").ShouldBe(
        [
            "tarnfui.io/exclude-until Workload expired 2026-11-23T20:00:00Z (120m ago)",
            "tarnfui.io/exclude Namespace off",
        ]);
    }

    [Fact]
    public void Explain_walks_the_next_transitions_through_a_weekend()
    {
        var friday = Instant.FromUtc(2026, 11, 27, 18, 0);

        var e = Explanation.Create(Running(2), null, Defaults, friday);

        e.Transitions.Select(t => $"{Names.Instant(t.At)} {DecisionText.State(t.Decision)}").ShouldBe(
        [
            "2026-11-27T19:00:00Z off-hours",
            "2026-11-30T07:00:00Z working hours",
            "2026-11-30T19:00:00Z off-hours",
            "2026-12-01T07:00:00Z working hours",
        ]);
    }

    [Fact]
    public void Explain_as_text_aligns_its_keys_like_kubectl_describe()
    {
        var e = Explanation.Create(Stopped(0, 3), null, Defaults, Night);
        using var output = new StringWriter();

        ExplanationWriter.Write(e, output, OutputFormat.Table);

        output.ToString().Split('\n').Take(8).ShouldBe(
        [
            "Name:               api",
            "Namespace:          shop",
            "Kind:               Deployment",
            "Replicas:           0 (held down by Tarnfui since 2026-11-23T19:00:00Z (3h ago); original 3)",
            "Schedule:           uptime \"Mon-Fri 07:00-19:00\" (from the global configuration)",
            "Downtime replicas:  0 (default)",
            "Exclusions:         none",
            "Decision now:       off-hours: held at 0 replicas until 2026-11-24T07:00:00Z (in 9h)",
        ]);
    }
}

using Tarnfui.Core.Policy;
using Tarnfui.Core.Scope;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>Off-hours, a workload the scope leaves out is admitted unchanged; one it keeps is held as usual.</summary>
public class ScopeAdmissionTests
{
    private static AdmissionSettings Settings(string[] scope, string[] excluded, string? exclude, string? include)
    {
        var schedule = new ScheduleOptions { Uptime = Policies.Uptime, TimeZone = Policies.Zone };
        foreach (var ns in excluded)
        {
            schedule.ExcludedNamespaces.Add(ns);
        }

        var scopeOptions = new ScopeOptions();
        foreach (var ns in scope)
        {
            scopeOptions.Namespaces.Add(ns);
        }

        var global = GlobalPolicy.Create(schedule, scopeOptions, new PolicyOptions { ExcludeSelector = exclude, IncludeSelector = include }).Value;
        return new AdmissionSettings(new PolicyResolver(global), WebhookMode.Zero, WebhookOptions.DefaultSweeperUsername);
    }

    public static TheoryData<string, string[], string[], string?, string?, string, string?, bool> Rows => new()
    {
        { "outside Scope:Namespaces", ["a", "b"], [], null, null, "shop", null, false },
        { "listed in Scope:Namespaces", ["shop"], [], null, null, "shop", null, true },
        { "matched by a glob of Schedule:ExcludedNamespaces", [], ["sh*"], null, null, "shop", null, false },
        { "not matched by the glob", [], ["team-*-ci"], null, null, "shop", null, true },
        { "its labels match Policy:ExcludeSelector", [], [], "tier in (db)", null, "shop", "db", false },
        { "its labels do not match Policy:ExcludeSelector", [], [], "tier in (db)", null, "shop", "web", true },
        { "IncludeSelector unmatched by its labels: the namespace's are not in the cache, so it is not left out", [], [], null, "tier=web", "shop", "db", true },
        { "without labels, the exclude selector !tier matches", [], [], "!tier", null, "shop", null, false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_workload_the_scope_leaves_out_is_admitted_unchanged_off_hours(
        string because, string[] scope, string[] excluded, string? exclude, string? include, string @namespace, string? tier, bool held)
    {
        var labels = tier is null ? null : new Dictionary<string, string> { ["tier"] = tier };

        var decision = AdmissionDecider.Decide(Requests.Workload("CREATE", 3, labels: labels, @namespace: @namespace), Settings(scope, excluded, exclude, include), null, null, Policies.OffHours);

        (decision is AdmissionDecision.Patched).ShouldBe(held, because);
        if (!held)
        {
            decision.ShouldBe(AdmissionDecision.Allow, because);
        }
    }
}

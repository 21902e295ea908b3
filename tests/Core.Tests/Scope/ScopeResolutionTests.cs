using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Scope;

namespace Tarnfui.Core.Tests.Scope;

/// <summary>The scope rules as <see cref="PolicyResolver"/> applies them, right after the never-touched namespaces.</summary>
public class ScopeResolutionTests
{
    // A Monday night in UTC: off-hours on the default schedule, so whatever is not exempt is OffHours.
    private static readonly Instant Night = Instant.FromUtc(2026, 11, 23, 22, 0);

    private static PolicyResolver Resolver(string[] scope, string[] excluded, string? exclude, string? include)
    {
        var schedule = new ScheduleOptions();
        foreach (var ns in excluded)
        {
            schedule.ExcludedNamespaces.Add(ns);
        }

        var scopeOptions = new ScopeOptions();
        foreach (var ns in scope)
        {
            scopeOptions.Namespaces.Add(ns);
        }

        return new PolicyResolver(GlobalPolicy.Create(schedule, scopeOptions, new PolicyOptions { ExcludeSelector = exclude, IncludeSelector = include }).Value);
    }

    private static Dictionary<string, string>? Labels(string? pairs) =>
        pairs is null ? null : pairs.Length == 0 ? [] : pairs.Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

    public static TheoryData<string, string[], string[], string?, string?, string, string?, string?, string> Rows => new()
    {
        { "no scope: every namespace", [], [], null, null, "shop", "", "", "OffHours" },
        { "listed in the scope", ["a", "b"], [], null, null, "a", "", "", "OffHours" },
        { "not listed in the scope", ["a", "b"], [], null, null, "shop", "", "", "OutsideScope/Global" },
        { "never-touched even when listed", ["kube-system", "a"], [], null, null, "kube-system", "", "", "NeverTouchedNamespace/Global" },
        { "own namespace even when listed", ["tarnfui"], [], null, null, "tarnfui", "", "", "NeverTouchedNamespace/Global" },
        { "excluded by name", [], ["legacy"], null, null, "legacy", "", "", "ExcludedByConfiguration/Global" },
        { "excluded by glob", [], ["team-*-ci"], null, null, "team-a-ci", "", "", "ExcludedByConfiguration/Global" },
        { "not matched by the glob", [], ["team-*-ci"], null, null, "team-a", "", "", "OffHours" },
        { "in scope but excluded", ["a"], ["a"], null, null, "a", "", "", "ExcludedByConfiguration/Global" },
        { "workload labels match the exclude selector", [], [], "tier in (db)", null, "shop", "tier=db", "", "ExcludedBySelector/Workload" },
        { "namespace labels match the exclude selector", [], [], "tier in (db)", null, "shop", "", "tier=db", "ExcludedBySelector/Namespace" },
        { "neither matches the exclude selector", [], [], "tier in (db)", null, "shop", "tier=web", "team=a", "OffHours" },
        { "unknown labels never exclude", [], [], "!canary", null, "shop", null, null, "OffHours" },
        { "workload matches the include selector", [], [], null, "sleepy=yes", "shop", "sleepy=yes", "", "OffHours" },
        { "namespace matches the include selector", [], [], null, "sleepy=yes", "shop", "", "sleepy=yes", "OffHours" },
        { "neither matches the include selector", [], [], null, "sleepy=yes", "shop", "tier=db", "team=a", "NotSelected/Global" },
        { "unknown workload labels never leave out", [], [], null, "sleepy=yes", "shop", null, "team=a", "OffHours" },
        { "exclude wins over include", [], [], "tier=db", "sleepy=yes", "shop", "tier=db;sleepy=yes", "", "ExcludedBySelector/Workload" },
        { "outside the scope before the selectors", ["a"], [], null, "sleepy=yes", "shop", "sleepy=yes", "", "OutsideScope/Global" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_scope_decides_before_the_schedule(
        string because, string[] scope, string[] excluded, string? exclude, string? include, string @namespace, string? workloadLabels, string? namespaceLabels, string expected)
    {
        var decision = Resolver(scope, excluded, exclude, include).Resolve(
            new WorkloadRef(WorkloadKind.Deployment, @namespace, "api"), null, false, null, new SelectorLabels(Labels(workloadLabels), Labels(namespaceLabels)), Night);

        var outcome = decision switch
        {
            PolicyDecision.Exempt e => $"{e.Reason}/{e.Scope}",
            var other => other.GetType().Name,
        };
        outcome.ShouldBe(expected, because);
    }

    [Fact]
    public void The_detail_names_the_glob_that_matched()
    {
        var decision = Resolver([], ["*-sandbox"], null, null).Resolve(new WorkloadRef(WorkloadKind.Deployment, "alice-sandbox", "api"), null, false, null, Night);

        decision.ShouldBeOfType<PolicyDecision.Exempt>().Detail.ShouldBe("namespace alice-sandbox matches \"*-sandbox\" in Schedule:ExcludedNamespaces");
    }

    [Theory]
    [InlineData(new[] { "a", "team-*" }, new string[0], null, null, "Scope:Namespaces:1: \"team-*\" is a glob")]
    [InlineData(new[] { "A" }, new string[0], null, null, "Scope:Namespaces:0: \"A\": 'A' at position 1")]
    [InlineData(new string[0], new[] { "ok", "", "bad/ns" }, null, null, "Schedule:ExcludedNamespaces:2: \"bad/ns\": '/' at position 4")]
    [InlineData(new string[0], new string[0], "tier in (db", null, "Policy:ExcludeSelector: \"tier in (db\" at position 12, the end")]
    [InlineData(new string[0], new string[0], null, "tier=db,", "Policy:IncludeSelector: \"tier=db,\" at position 9, the end")]
    public void Invalid_configuration_names_the_key(string[] scope, string[] excluded, string? exclude, string? include, string error)
    {
        var schedule = new ScheduleOptions();
        foreach (var ns in excluded)
        {
            schedule.ExcludedNamespaces.Add(ns);
        }

        var scopeOptions = new ScopeOptions();
        foreach (var ns in scope)
        {
            scopeOptions.Namespaces.Add(ns);
        }

        GlobalPolicy.Create(schedule, scopeOptions, new PolicyOptions { ExcludeSelector = exclude, IncludeSelector = include })
            .Error.ShouldNotBeNull().ShouldStartWith(error);
    }

    [Fact]
    public void Only_exact_names_go_to_the_server_as_field_selectors()
    {
        var schedule = new ScheduleOptions();
        schedule.ExcludedNamespaces.Add("team-*-ci");
        schedule.ExcludedNamespaces.Add("legacy");
        schedule.ExcludedNamespaces.Add("qa-?");
        schedule.ExcludedNamespaces.Add("archive");

        GlobalPolicy.Create(schedule).Value.Scope.ExactlyExcluded.ShouldBe(["archive", "legacy"]);
    }
}

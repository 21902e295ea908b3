using CsCheck;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Scope;

namespace Tarnfui.Core.Tests.Scope;

/// <summary>Whatever the scope, the globs and the selectors say, a never-touched namespace stays untouchable.</summary>
public class ScopePropertyTests
{
    private const string Own = "platform-tarnfui";

    private static readonly string[] NeverTouched = [.. WellKnown.NeverTouchedNamespaces, Own];


    private static readonly Gen<string> Namespace = Gen.OneOf(Pick(NeverTouched), Pick("a", "b", "team-a-ci", "shop"));

    // Globs built from pieces of the namespaces above, so that they often match them.
    private static readonly Gen<string> Glob = Pick("kube", "team", "a", "ci", "tarnfui", "-", "*", "?", "*-*", "s").Array[1, 4].Select(string.Concat);

    private static readonly Gen<string> Key = Pick("tier", "team", "canary");
    private static readonly Gen<string> Value = Pick("db", "web", "a");

    private static readonly Gen<string> Requirement = Gen.OneOf(
        Gen.Select(Key, Value, (k, v) => $"{k}={v}"),
        Gen.Select(Key, Value, (k, v) => $"{k}!={v}"),
        Gen.Select(Key, Value, Value, (k, v, w) => $"{k} in ({v},{w})"),
        Gen.Select(Key, Value, (k, v) => $"{k} notin ({v})"),
        Key,
        Key.Select(k => "!" + k));

    private static readonly Gen<string?> Selector = Gen.Frequency((1, Gen.Const(() => (string?)null)), (3, Requirement.Array[1, 3].Select(r => (string?)string.Join(",", r))));

    private static readonly Gen<Dictionary<string, string>?> Labels = Gen.Frequency(
        (1, Gen.Const(() => (Dictionary<string, string>?)null)),
        (4, Gen.Select(Key, Value).Array[0, 3].Select(pairs => (Dictionary<string, string>?)pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2))));

    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    [Fact]
    public void A_selector_or_scope_never_makes_a_never_touched_namespace_touchable()
    {
        Gen.Select(Namespace.Array[0, 4], Glob.Array[0, 3], Selector, Selector, Pick(NeverTouched), Labels, Labels)
            .Sample((scope, globs, exclude, include, ns, workloadLabels, namespaceLabels) =>
            {
                var schedule = new ScheduleOptions { OwnNamespace = Own };
                foreach (var glob in globs)
                {
                    schedule.ExcludedNamespaces.Add(glob);
                }

                var scopeOptions = new ScopeOptions();
                foreach (var listed in scope)
                {
                    scopeOptions.Namespaces.Add(listed);
                }

                var policy = GlobalPolicy.Create(schedule, scopeOptions, new PolicyOptions { ExcludeSelector = exclude, IncludeSelector = include });
                var decision = new PolicyResolver(policy.Value).Resolve(
                    new WorkloadRef(WorkloadKind.Deployment, ns, "api"), null, false, null, new SelectorLabels(workloadLabels, namespaceLabels), Instant.FromUtc(2026, 11, 23, 22, 0));

                decision.ShouldBeOfType<PolicyDecision.Exempt>().Reason.ShouldBe(
                    ExemptionReason.NeverTouchedNamespace, $"{ns} with scope [{string.Join(",", scope)}], globs [{string.Join(",", globs)}], exclude \"{exclude}\", include \"{include}\"");
            }, iter: 500, threads: 1);
    }
}

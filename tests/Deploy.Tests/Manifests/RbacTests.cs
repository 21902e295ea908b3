using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Manifests;

[Collection(ManifestsGroup.Name)]
public sealed class RbacTests(ManifestsFixture manifests)
{
    // What each program does to the API (DESIGN.md), one "group resource [names] verbs" line per grant.
    private static readonly string[] SweeperClusterGrants =
    [
        "core pods list",
        "apps replicasets get,list,watch",
        "apps deployments get,list,patch,watch",
        "apps statefulsets get,list,patch,watch",
        "batch cronjobs get,list,patch,watch",
        "batch jobs get,list,patch,watch",
        "autoscaling horizontalpodautoscalers get,list,patch,watch",
        "argoproj.io rollouts get,list,patch,watch",
        "keda.sh scaledobjects get,list,patch,watch",
        "apps deployments/scale get,patch",
        "apps statefulsets/scale get,patch",
        "core namespaces get,list,watch",
        "events.k8s.io events create,patch",
    ];

    private static readonly string[] WebhookClusterGrants =
    [
        "core namespaces get,list,watch",
        "apps deployments get",
        "apps statefulsets get",
        "argoproj.io rollouts get",
    ];

    private static readonly string[] LeaseGrants =
    [
        "coordination.k8s.io leases create",
        $"coordination.k8s.io leases[{WellKnown.Objects.SweeperLease}] get,update",
    ];

    public static TheoryData<string> Installs => ManifestsFixture.EachInstall;

    [Theory, MemberData(nameof(Installs))]
    public void Sweeper_cluster_role_grants_exactly_what_the_sweep_needs(string install) =>
        Grants(manifests.Installs[install].Named<V1ClusterRole>(WellKnown.Objects.SweeperServiceAccount).Rules)
            .ShouldBe(SweeperClusterGrants, ignoreOrder: true);

    [Theory, MemberData(nameof(Installs))]
    public void Webhook_cluster_role_only_reads_namespaces_and_workloads(string install) =>
        Grants(manifests.Installs[install].Named<V1ClusterRole>(WellKnown.Objects.WebhookServiceAccount).Rules)
            .ShouldBe(WebhookClusterGrants, ignoreOrder: true);

    [Theory, MemberData(nameof(Installs))]
    public void Leader_election_is_limited_to_the_sweeper_lease_in_its_own_namespace(string install)
    {
        var role = manifests.Installs[install].All<V1Role>().ShouldHaveSingleItem();
        role.Metadata.NamespaceProperty.ShouldBe(WellKnown.Objects.Namespace);
        Grants(role.Rules).ShouldBe(LeaseGrants, ignoreOrder: true);
        var binding = manifests.Installs[install].All<V1RoleBinding>().ShouldHaveSingleItem();
        binding.Metadata.NamespaceProperty.ShouldBe(WellKnown.Objects.Namespace);
        binding.RoleRef.Name.ShouldBe(role.Metadata.Name);
        binding.RoleRef.Kind.ShouldBe("Role");
        Subjects(binding.Subjects).ShouldBe([$"{WellKnown.Objects.Namespace}/{WellKnown.Objects.SweeperServiceAccount}"]);
    }

    [Theory, MemberData(nameof(Installs))]
    public void Each_cluster_role_is_bound_to_its_own_service_account_only(string install)
    {
        var bindings = manifests.Installs[install].All<V1ClusterRoleBinding>().ToList();
        bindings.Select(b => $"{b.RoleRef.Kind}/{b.RoleRef.Name} -> {string.Join(",", Subjects(b.Subjects))}").ShouldBe(
            [
                $"ClusterRole/{WellKnown.Objects.SweeperServiceAccount} -> {WellKnown.Objects.Namespace}/{WellKnown.Objects.SweeperServiceAccount}",
                $"ClusterRole/{WellKnown.Objects.WebhookServiceAccount} -> {WellKnown.Objects.Namespace}/{WellKnown.Objects.WebhookServiceAccount}",
            ],
            ignoreOrder: true);
    }

    [Theory, MemberData(nameof(Installs))]
    public void No_rule_uses_a_wildcard_or_reaches_secrets(string install)
    {
        var rendered = manifests.Installs[install];
        var rules = rendered.All<V1ClusterRole>().SelectMany(r => r.Rules).Concat(rendered.All<V1Role>().SelectMany(r => r.Rules)).ToList();
        rules.ShouldNotBeEmpty();
        foreach (var rule in rules)
        {
            var words = rule.Verbs.Concat(rule.Resources ?? []).Concat(rule.ApiGroups ?? []).Concat(rule.ResourceNames ?? []).ToList();
            words.ShouldNotContain("*", Grant(rule));
            (rule.Resources ?? []).ShouldNotContain("secrets", Grant(rule));
            rule.NonResourceURLs.ShouldBeNull(Grant(rule));
            rule.Verbs.ShouldNotContain("escalate", Grant(rule));
            rule.Verbs.ShouldNotContain("bind", Grant(rule));
            rule.Verbs.ShouldNotContain("impersonate", Grant(rule));
        }
    }

    private static List<string> Grants(IEnumerable<V1PolicyRule> rules) =>
        rules.SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.Select(res =>
                $"{(g.Length == 0 ? "core" : g)} {res}{(r.ResourceNames is { Count: > 0 } names ? $"[{string.Join(",", names)}]" : string.Empty)} " +
                string.Join(",", r.Verbs.Order(StringComparer.Ordinal)))))
            .ToList();

    private static string Grant(V1PolicyRule rule) => string.Join("; ", Grants([rule]));

    private static List<string> Subjects(IEnumerable<Rbacv1Subject> subjects) =>
        subjects.Select(s => s.Kind == "ServiceAccount" ? $"{s.NamespaceProperty}/{s.Name}" : $"{s.Kind}:{s.Name}").ToList();
}

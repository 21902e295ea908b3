using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Manifests;

/// <summary>
/// manifests/overlays/namespaced: the sweeper's ClusterRole becomes a Role per listed namespace granting exactly what
/// the ClusterRole grants there, the namespaces themselves are granted by name only, and the configuration and the
/// webhook's namespaceSelector list the same namespaces as the Roles.
/// </summary>
public sealed class NamespacedOverlayTests
{
    private const string NamespacesGrant = "core namespaces";

    private static Task<RenderedManifests> RenderAsync(string overlay) => RenderedManifests.RenderAsync(Repository.PathOf("manifests", "overlays", overlay));

    [Fact]
    public async Task Each_role_grants_exactly_what_the_cluster_role_grants_but_the_namespaces()
    {
        var clusterWide = await RenderAsync("cert-manager");
        var namespaced = await RenderAsync("namespaced");
        var clusterGrants = Grants(clusterWide.Named<V1ClusterRole>(WellKnown.Objects.SweeperServiceAccount).Rules);

        namespaced.All<V1ClusterRole>().ShouldNotContain(r => r.Metadata.Name == WellKnown.Objects.SweeperServiceAccount, "the cluster-wide grant is gone");
        var roles = namespaced.All<V1Role>().Where(r => r.Metadata.Name == WellKnown.Objects.SweeperServiceAccount).ToList();
        roles.Count.ShouldBeGreaterThan(1);
        foreach (var role in roles)
        {
            Grants(role.Rules).ShouldBe(clusterGrants.Where(g => !g.StartsWith(NamespacesGrant, StringComparison.Ordinal)), ignoreOrder: true, role.Metadata.NamespaceProperty);
            var binding = namespaced.All<V1RoleBinding>().Single(b => b.Metadata.NamespaceProperty == role.Metadata.NamespaceProperty && b.RoleRef.Name == role.Metadata.Name);
            binding.Subjects.Select(s => $"{s.NamespaceProperty}/{s.Name}").ShouldBe([$"{WellKnown.Objects.Namespace}/{WellKnown.Objects.SweeperServiceAccount}"]);
        }

        var listed = roles.Select(r => r.Metadata.NamespaceProperty).Order(StringComparer.Ordinal).ToList();
        var namespaces = namespaced.Named<V1ClusterRole>(WellKnown.Objects.SweeperServiceAccount + "-namespaces");
        Grants(namespaces.Rules).ShouldBe([$"{NamespacesGrant}[{string.Join(",", listed)}] get,list,watch"], "the namespaces are read by name only");
    }

    [Fact]
    public async Task The_configuration_and_the_webhook_list_the_namespaces_of_the_roles()
    {
        var namespaced = await RenderAsync("namespaced");
        var listed = namespaced.All<V1Role>().Where(r => r.Metadata.Name == WellKnown.Objects.SweeperServiceAccount)
            .Select(r => r.Metadata.NamespaceProperty).Order(StringComparer.Ordinal).ToList();

        var config = namespaced.All<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("tarnfui-config", StringComparison.Ordinal));
        config.Data.Where(kv => kv.Key.StartsWith("TARNFUI_Scope__Namespaces__", StringComparison.Ordinal)).Select(kv => kv.Value).Order(StringComparer.Ordinal)
            .ShouldBe(listed);

        var selector = namespaced.Named<V1MutatingWebhookConfiguration>("tarnfui").Webhooks.ShouldHaveSingleItem().NamespaceSelector.MatchExpressions.ShouldHaveSingleItem();
        (selector.Key, selector.OperatorProperty).ShouldBe(("kubernetes.io/metadata.name", "In"));
        selector.Values.Order(StringComparer.Ordinal).ShouldBe(listed);
    }

    public static TheoryData<string> HelmMajors => HelmVersions.Each;

    [Theory, MemberData(nameof(HelmMajors))]
    public async Task The_chart_with_scope_namespaces_renders_what_the_overlay_renders(string helm)
    {
        var overlay = await RenderAsync("namespaced");
        var listed = overlay.All<V1Role>().Where(r => r.Metadata.Name == WellKnown.Objects.SweeperServiceAccount)
            .Select(r => r.Metadata.NamespaceProperty).Order(StringComparer.Ordinal).ToList();
        var chart = await HelmChart.TemplateAsync(helm, "--set", $"scope.namespaces={{{string.Join(",", listed)}}}");

        static List<string> RoleGrants(RenderedManifests rendered) =>
            [.. rendered.All<V1Role>().Where(r => !r.Metadata.Name.EndsWith("-leader-election", StringComparison.Ordinal))
                .SelectMany(r => Grants(r.Rules).Select(g => $"{r.Metadata.NamespaceProperty}: {g}"))];
        static List<string> NamespaceGrants(RenderedManifests rendered) =>
            [.. rendered.All<V1ClusterRole>().Where(r => r.Metadata.Name.EndsWith("-namespaces", StringComparison.Ordinal)).SelectMany(r => Grants(r.Rules))];

        RoleGrants(chart).ShouldBe(RoleGrants(overlay), ignoreOrder: true);
        NamespaceGrants(chart).ShouldBe(NamespaceGrants(overlay), ignoreOrder: true);
        chart.All<V1ClusterRole>().ShouldNotContain(r => r.Rules.Any(rule => rule.Resources.Contains("pods")), "no cluster-wide pod list");
        chart.All<V1MutatingWebhookConfiguration>().Single().Webhooks.Single().NamespaceSelector.MatchExpressions.Single().Values.ShouldBe(listed);
    }

    private static List<string> Grants(IEnumerable<V1PolicyRule> rules) =>
        rules.SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.Select(res =>
                $"{(g.Length == 0 ? "core" : g)} {res}{(r.ResourceNames is { Count: > 0 } names ? $"[{string.Join(",", names)}]" : string.Empty)} " +
                string.Join(",", r.Verbs.Order(StringComparer.Ordinal)))))
            .ToList();
}

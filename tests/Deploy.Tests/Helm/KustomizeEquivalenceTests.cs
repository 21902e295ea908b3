using System.Text.Json.Nodes;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Helm;

/// <summary>
/// The chart installs what <c>kubectl kustomize manifests/overlays/self-signed</c> and <c>manifests/monitoring</c>
/// install: the same objects, field by field, after the normalisation <see cref="ObjectSetComparison"/> documents. A
/// change to manifests/ (a new RBAC rule, a webhook rule) fails here until the chart has it too.
/// </summary>
[Collection(ManifestsGroup.Name)]
public sealed class KustomizeEquivalenceTests(ManifestsFixture manifests)
{
    private const string Kustomize = "kustomize (overlays/self-signed + monitoring)";

    public static TheoryData<string> Helms => HelmVersions.Each;

    [Theory, MemberData(nameof(Helms))]
    public async Task The_chart_renders_the_objects_of_the_self_signed_overlay_and_the_monitoring(string helm)
    {
        var chart = await HelmChart.TemplateAsync(helm,
            "--set", "namespace.create=true", "--set", "monitoring.serviceMonitor.enabled=true", "--set", "monitoring.dashboard.enabled=true",
            "--set", "monitoring.prometheusRule.enabled=true");
        var kustomize = ObjectSetComparison.Normalise(
            manifests.Installs[ManifestsFixture.SelfSigned].Objects.Concat(manifests.Monitoring.Objects), kustomized: true);

        var differences = ObjectSetComparison.Differences(kustomize, Kustomize, ObjectSetComparison.Normalise(chart.Objects, kustomized: false), $"the chart (helm {helm})");

        differences.ShouldBeEmpty(
            "charts/tarnfui/templates must render what manifests/ does: change the chart (or manifests/) until these agree:\n" +
            string.Join('\n', differences));
        kustomize.Count.ShouldBeGreaterThan(15, "the comparison saw the whole installation");
    }

    [Fact]
    public void A_difference_is_named_by_object_and_path()
    {
        var kustomize = ObjectSetComparison.Normalise(manifests.Installs[ManifestsFixture.SelfSigned].Objects, kustomized: true);
        var changed = ObjectSetComparison.Normalise(manifests.Installs[ManifestsFixture.SelfSigned].Objects, kustomized: true);
        // As when manifests/base gains a rule the chart lacks, and an object the chart does not render.
        var role = changed["ClusterRole tarnfui-sweeper"]["rules"]!.AsArray();
        var last = role.Count - 1;
        role.RemoveAt(last);
        changed.Remove("Service tarnfui/tarnfui-sweeper-metrics");
        changed["Deployment tarnfui/tarnfui-webhook"]["spec"]!["replicas"] = JsonValue.Create(3);

        var differences = ObjectSetComparison.Differences(kustomize, "kustomize", changed, "the chart");

        differences.ShouldBe(
            [
                "Service tarnfui/tarnfui-sweeper-metrics: only in kustomize",
                $"ClusterRole tarnfui-sweeper /rules/{last}: kustomize has {kustomize["ClusterRole tarnfui-sweeper"]["rules"]![last]!.ToJsonString()}, the chart has nothing",
                "Deployment tarnfui/tarnfui-webhook /spec/replicas: kustomize has 2, the chart has 3",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void Generated_certificates_and_configuration_names_are_all_the_normalisation_hides()
    {
        var kustomize = ObjectSetComparison.Normalise(manifests.Installs[ManifestsFixture.SelfSigned].Objects, kustomized: true);

        kustomize["Secret tarnfui/tarnfui-webhook-tls"]["data"]!.AsObject().Select(p => (string?)p.Value).ShouldAllBe(v => v == ObjectSetComparison.Generated);
        kustomize.Keys.ShouldContain("ConfigMap tarnfui/tarnfui-config");
        var webhook = kustomize["Deployment tarnfui/tarnfui-webhook"];
        ((string?)webhook["spec"]!["template"]!["spec"]!["containers"]![0]!["envFrom"]![0]!["configMapRef"]!["name"]).ShouldBe("tarnfui-config");
        // The program's own labels stay compared.
        ((string?)webhook["metadata"]!["labels"]!["app.kubernetes.io/component"]).ShouldBe("webhook");
        ((string?)webhook["metadata"]!["labels"]!["app.kubernetes.io/part-of"]).ShouldBe("tarnfui");
        webhook["metadata"]!["labels"]!["app.kubernetes.io/managed-by"].ShouldBeNull();
    }
}

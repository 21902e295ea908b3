using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Tarnfui.Core;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>explain names the HorizontalPodAutoscaler that scales a workload and says what the night does to it.</summary>
[Collection("Sandbox")]
public class ExplainAutoscalerTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task Explain_names_the_HPA_and_says_it_is_bounded_to_the_downtime_count()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 3, new() { [WellKnown.Annotations.DowntimeReplicas] = "1" });
        await AutoscalerAsync(ns, "api-hpa", "api", 2, 5);
        await AutoscalerAsync(ns, "other-hpa", "other", 1, 9);

        var run = await sandbox.RunAsync("explain", "deploy/api", "-n", ns, "--now", "2026-11-23T12:00:00Z");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("Autoscaler:         hpa/api-hpa (min..max 2..5): off-hours both bounds are set to 1, and restored with the workload");
        run.Out.ShouldNotContain("other-hpa");
    }

    [Fact]
    public async Task Explain_says_an_HPA_is_untouched_when_the_workload_goes_to_0_and_shows_a_bound_one_in_json()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "zero", 3);
        await AutoscalerAsync(ns, "zero", "zero", 2, 5);
        await sandbox.DeploymentAsync(ns, "held", 1, new() { [WellKnown.Annotations.DowntimeReplicas] = "1" });
        await AutoscalerAsync(ns, "held", "held", 1, 1, new()
        {
            [WellKnown.Annotations.OriginalMinReplicas] = "2",
            [WellKnown.Annotations.OriginalMaxReplicas] = "5",
            [WellKnown.Annotations.HeldReplicas] = "1",
        });

        var zero = await sandbox.RunAsync("explain", "deploy/zero", "-n", ns);
        var held = await sandbox.RunAsync("explain", "deploy/held", "-n", ns, "-o", "json");

        zero.Out.ShouldContain("Autoscaler:         hpa/zero (min..max 2..5): untouched off-hours (Kubernetes does not autoscale a workload at 0 replicas)");
        var autoscaler = JsonNode.Parse(held.Out)!["autoscaler"]!;
        ((string?)autoscaler["name"], (bool?)autoscaler["boundedByTarnfui"]).ShouldBe(("held", true));
        ((string?)autoscaler["offHours"]).ShouldBe("hpa/held (min..max 1..1): bounded to 1 by Tarnfui; 2..5 restored with the workload");
    }

    private Task<V2HorizontalPodAutoscaler> AutoscalerAsync(string ns, string name, string target, int min, int max, Dictionary<string, string>? annotations = null) =>
        sandbox.Admin.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(new V2HorizontalPodAutoscaler
        {
            Metadata = new V1ObjectMeta { Name = name, Annotations = annotations },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = target },
                MinReplicas = min,
                MaxReplicas = max,
            },
        }, ns);
}

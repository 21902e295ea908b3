using k8s;
using k8s.Models;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Kubectl;

/// <summary>The emulator serves autoscaling/v2 HorizontalPodAutoscalers to the real kubectl: get by short name with its columns, patch.</summary>
[Collection("Sandbox")]
public sealed class KubectlAutoscalerTests(SandboxFixture fixture) : IDisposable
{
    private readonly KubectlRunner _kubectl = KubectlRunner.For(fixture.Server);

    public void Dispose() => _kubectl.Dispose();

    [Fact]
    public async Task Get_hpa_shows_kubectls_columns_and_patch_changes_the_bounds()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.Client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(new V2HorizontalPodAutoscaler
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" },
                MaxReplicas = 5,
            },
        }, ns);

        var lines = (await _kubectl.SucceedAsync("get", "hpa", "-n", ns)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"]);
        lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..6].ShouldBe(["web", "Deployment/web", "<unknown>", "1", "5", "0"], "minReplicas is defaulted to 1, as kube-apiserver does");
        (await _kubectl.SucceedAsync("patch", "hpa", "web", "-n", ns, "-p", """{"spec":{"maxReplicas":8}}""")).Trim()
            .ShouldBe("horizontalpodautoscaler.autoscaling/web patched");
        (await fixture.Client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("web", ns)).Spec.MaxReplicas.ShouldBe(8);
    }
}

using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Autoscaling;

namespace Tarnfui.EndToEnd.Webhook;

/// <summary>
/// The fight the HPA bound prevents, with the real webhook: at night, an HPA whose range is above the held count
/// keeps asking to scale the workload up and is refused each sync; bounded to the held count, it asks nothing.
/// </summary>
[Collection(WebhookSandboxDefinition.Name)]
public sealed class AutoscalerWebhookEndToEndTests(WebhookSandboxFixture sandbox)
{
    [Fact]
    public async Task Off_hours_an_unbounded_HPA_is_refused_each_sync_and_a_bounded_one_writes_nothing()
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync();
        // Created off-hours with a count above the downtime one: the webhook holds it at 1 with the record.
        await sandbox.CreateDeploymentAsync(ns, "web", 3, new() { [WellKnown.Annotations.DowntimeReplicas] = "1" });
        (await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(1);
        var hpa = await sandbox.Client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(new V2HorizontalPodAutoscaler
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" },
                MinReplicas = 2,
                MaxReplicas = 5,
            },
        }, ns);

        var unbounded = await sandbox.Server.Autoscalers.SyncAsync();

        unbounded.Refused.ShouldContain($"{ns}/web", "the webhook refuses the HPA's /scale raise off-hours");
        (await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(1);

        // The sweeper's bound, as it sends it.
        var bound = AutoscalerPatches.Bound(hpa.Metadata.Uid, null, new AutoscalerBounds(2, 5), 1, WebhookSandboxFixture.OffHours);
        await sandbox.Client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(new V1Patch(bound.ToJsonString(), V1Patch.PatchType.JsonPatch), "web", ns);
        var bounded = await sandbox.Server.Autoscalers.SyncAsync();

        bounded.Refused.ShouldNotContain($"{ns}/web");
        bounded.Scaled.ShouldNotContain($"{ns}/web");
        (await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(1);
    }
}

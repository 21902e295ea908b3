using k8s;
using k8s.Models;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Api;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Controllers;

/// <summary>
/// The emulated HPA controller: status from its target, a target outside its bounds written back into them through
/// <c>/scale</c> as kube-controller-manager's service account (so admission sees it and may refuse it), a target at 0
/// left alone.
/// </summary>
[Collection("Sandbox")]
public sealed class AutoscalerControllerTests(SandboxFixture fixture)
{
    [Fact]
    public async Task A_target_below_its_bounds_is_scaled_up_through_admission_as_the_HPA_service_account()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await CreateAsync(ns, "low", replicas: 1, min: 2, max: 5);
        await CreateAsync(ns, "high", replicas: 7, min: 2, max: 5);

        var sync = await StartedAutoscalers().SyncAsync();

        sync.Scaled.ShouldBe([$"{ns}/high", $"{ns}/low"], ignoreOrder: true);
        (await ReplicasAsync(ns, "low"), await ReplicasAsync(ns, "high")).ShouldBe((2, 5));
        var scales = fixture.Admission.SeenIn(ns).Where(a => a.SubResource == "scale").ToList();
        scales.Select(a => a.User.Username).Distinct().ShouldBe([EmulatorUsers.HorizontalPodAutoscaler]);
        var status = (await fixture.Client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("low", ns)).Status;
        (status.CurrentReplicas, status.DesiredReplicas).ShouldBe((1, 2), "as observed before its write");
    }

    [Fact]
    public async Task A_refused_scale_leaves_the_target_and_is_reported_and_a_target_at_0_is_left_alone()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await CreateAsync(ns, "held", replicas: 1, min: 2, max: 5);
        await CreateAsync(ns, "stopped", replicas: 0, min: 2, max: 5);
        fixture.Admission.RuleFor(ns, a => a.SubResource == "scale" ? AdmissionResult.Deny("off-hours") : AdmissionResult.Allow(a.NewObject));

        var sync = await StartedAutoscalers().SyncAsync();

        sync.Refused.ShouldContain($"{ns}/held");
        sync.Scaled.ShouldNotContain($"{ns}/held");
        (await ReplicasAsync(ns, "held")).ShouldBe(1);
        sync.Refused.ShouldNotContain($"{ns}/stopped", "Kubernetes does not autoscale a target at 0");
        sync.Scaled.ShouldNotContain($"{ns}/stopped");
        (await ReplicasAsync(ns, "stopped")).ShouldBe(0);
    }

    private Emulator.Controllers.AutoscalerController StartedAutoscalers()
    {
        // This collection's server runs no controllers of its own: start this one on the HPA's identity.
        fixture.Server.Autoscalers.Start(fixture.Server.CreateClient(EmulatorUsers.HorizontalPodAutoscaler));
        return fixture.Server.Autoscalers;
    }

    private async Task CreateAsync(string ns, string name, int replicas, int min, int max)
    {
        await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment(name, replicas), ns);
        await fixture.Client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(new V2HorizontalPodAutoscaler
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = name },
                MinReplicas = min,
                MaxReplicas = max,
            },
        }, ns);
    }

    private async Task<int?> ReplicasAsync(string ns, string name) => (await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns)).Spec.Replicas;
}

using k8s;
using Tarnfui.Core;
using Tarnfui.Emulator.Server;

namespace Tarnfui.EndToEnd.Webhook;

/// <summary>
/// The webhook through the sandbox API server with the real kubectl, at a simulated instant: what a person sees
/// when they scale up during off-hours, apply a manifest, or opt out.
/// </summary>
[Collection(WebhookSandboxDefinition.Name)]
public sealed class WebhookEndToEndTests(WebhookSandboxFixture sandbox) : IDisposable
{
    private readonly KubectlRunner _kubectl = KubectlRunner.For(sandbox.Server, EmulatorUsers.Cli);

    [Fact]
    public async Task Kubectl_scale_off_hours_fails_with_the_tarnfui_message()
    {
        // Evening: the workload was stopped, and someone tries to bring it back before 07:00.
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync();
        await sandbox.CreateDeploymentAsync(ns, "x", 0);

        var scale = await _kubectl.RunAsync("scale", "deploy/x", "--replicas=3", "-n", ns);

        scale.ExitCode.ShouldNotBe(0);
        scale.Error.ShouldContain(
            $"tarnfui: deployment {ns}/x is stopped for off-hours (schedule \"{WebhookSandboxFixture.Uptime}\") until Mon 2026-11-23 07:00 CET. " +
            $"To run it now: kubectl tarnfui wake deployment/x -n {ns} --for 2h");
        (await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("x", ns)).Spec.Replicas.ShouldBe(0);
    }

    [Fact]
    public async Task Kubectl_apply_of_five_replicas_off_hours_is_held_at_zero_with_the_intent_recorded()
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync();
        var manifest = _kubectl.WriteFile("api.yaml", $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
              namespace: {ns}
            spec:
              replicas: 5
              selector:
                matchLabels: {"{"}app: api{"}"}
              template:
                metadata:
                  labels: {"{"}app: api{"}"}
                spec:
                  containers:
                    - name: api
                      image: registry.example.com/shop/api:1.4.2
            """);

        var apply = await _kubectl.RunAsync("apply", "-f", manifest);

        apply.ExitCode.ShouldBe(0, apply.Error);
        apply.Error.ShouldContain($"Warning: tarnfui: deployment {ns}/api is stopped for off-hours");
        var stored = await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("api", ns);
        stored.Spec.Replicas.ShouldBe(0);
        stored.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("5");
        stored.Metadata.Labels[WellKnown.Labels.Stopped].ShouldBe("true");
    }

    [Fact]
    public async Task Excluded_workload_scales_normally_off_hours()
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync();
        await sandbox.CreateDeploymentAsync(ns, "x", 0, new() { [WellKnown.Annotations.Exclude] = "true" });

        var scale = await _kubectl.RunAsync("scale", "deploy/x", "--replicas=3", "-n", ns);

        scale.ExitCode.ShouldBe(0, scale.Error);
        (await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("x", ns)).Spec.Replicas.ShouldBe(3);
    }

    [Fact]
    public async Task Workload_in_an_excluded_namespace_scales_normally_off_hours()
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync(new() { [WellKnown.Annotations.ExcludeUntil] = "2026-11-24" });
        await sandbox.CreateDeploymentAsync(ns, "x", 0);

        var scale = await _kubectl.RunAsync("scale", "deploy/x", "--replicas=2", "-n", ns);

        scale.ExitCode.ShouldBe(0, scale.Error);
        (await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("x", ns)).Spec.Replicas.ShouldBe(2);
    }

    [Fact]
    public async Task Any_workload_scales_normally_during_working_hours()
    {
        // Morning: working hours have started.
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.WorkingHours);
        var ns = await sandbox.CreateNamespaceAsync();
        await sandbox.CreateDeploymentAsync(ns, "x", 0);

        var scale = await _kubectl.RunAsync("scale", "deploy/x", "--replicas=3", "-n", ns);

        scale.ExitCode.ShouldBe(0, scale.Error);
        (await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("x", ns)).Spec.Replicas.ShouldBe(3);
    }

    public void Dispose() => _kubectl.Dispose();
}

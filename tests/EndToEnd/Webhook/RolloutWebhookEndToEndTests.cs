using Tarnfui.Core;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.EndToEnd.Webhook;

/// <summary>
/// The webhook holds an Argo Rollout off-hours as it holds a Deployment, with the real kubectl and the Rollout CRD
/// installed by it: <c>kubectl scale rollout/x</c> is refused, and an applied Rollout is held at its downtime count with
/// the applied count recorded. The registration's rules for <c>rollouts</c> and <c>rollouts/scale</c> are the shipped ones.
/// </summary>
[Collection(WebhookSandboxDefinition.Name)]
public sealed class RolloutWebhookEndToEndTests(WebhookSandboxFixture sandbox) : IDisposable
{
    private readonly KubectlRunner _kubectl = KubectlRunner.For(sandbox.Server, EmulatorUsers.Cli);

    [Fact]
    public async Task Kubectl_scale_of_a_rollout_off_hours_fails_with_the_tarnfui_message()
    {
        await ArgoRollouts.InstallAsync(sandbox.Server);
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.WorkingHours);
        var ns = await sandbox.CreateNamespaceAsync();
        await ArgoRollouts.CreateAsync(sandbox.Client, ns, "x", 0);
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);

        var scale = await _kubectl.RunAsync("scale", "rollout/x", "--replicas=3", "-n", ns);

        scale.ExitCode.ShouldNotBe(0);
        scale.Error.ShouldContain($"tarnfui: rollout {ns}/x is stopped for off-hours");
        scale.Error.ShouldContain($"kubectl tarnfui wake rollout/x -n {ns} --for 2h");
        (await ArgoRollouts.ReadAsync(sandbox.Client, ns, "x")).Replicas.ShouldBe(0);
    }

    [Fact]
    public async Task Kubectl_apply_of_a_rollout_off_hours_is_held_at_zero_with_the_intent_recorded()
    {
        await ArgoRollouts.InstallAsync(sandbox.Server);
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync();

        var apply = await _kubectl.RunAsync("apply", "-f", _kubectl.WriteFile("rollout.yaml", ArgoRollouts.Manifest(ns, "web", 5)));

        apply.ExitCode.ShouldBe(0, apply.Error);
        apply.Error.ShouldContain("tarnfui");
        var web = await ArgoRollouts.ReadAsync(sandbox.Client, ns, "web");
        web.Replicas.ShouldBe(0);
        web.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("5");
        web.Labels[WellKnown.Labels.Stopped].ShouldBe("true");
    }

    public void Dispose() => _kubectl.Dispose();
}

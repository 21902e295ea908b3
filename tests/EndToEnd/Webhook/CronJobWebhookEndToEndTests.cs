using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Replicas;
using Tarnfui.Emulator.Server;

namespace Tarnfui.EndToEnd.Webhook;

/// <summary>
/// A CronJob through the sandbox API server and the hosted webhook with the real kubectl, at a simulated instant:
/// applied to run at night it is stored suspended with its intent, and the sweeper's morning restore reads that
/// record and puts the intent back.
/// </summary>
[Collection(WebhookSandboxDefinition.Name)]
public sealed class CronJobWebhookEndToEndTests(WebhookSandboxFixture sandbox) : IDisposable
{
    private readonly KubectlRunner _kubectl = KubectlRunner.For(sandbox.Server, EmulatorUsers.Cli);

    [Fact]
    public async Task Kubectl_apply_of_a_running_cronjob_at_night_is_stored_suspended_and_restored_in_the_morning()
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync();

        var apply = await _kubectl.RunAsync("apply", "-f", Manifest(ns, "nightly", "false"));

        apply.ExitCode.ShouldBe(0, apply.Error);
        apply.Error.ShouldContain($"Warning: tarnfui: cronjob {ns}/nightly is suspended for off-hours (schedule \"{WebhookSandboxFixture.Uptime}\"): no Job starts until Mon 2026-11-23 07:00 CET");
        var stored = await sandbox.Client.BatchV1.ReadNamespacedCronJobAsync("nightly", ns);
        stored.Spec.Suspend.ShouldBe(true);
        stored.Metadata.Annotations[WellKnown.Annotations.OriginalSuspend].ShouldBe("false");
        stored.Metadata.Labels[WellKnown.Labels.Stopped].ShouldBe("true");

        // Morning: the sweeper's restore, as it decides and writes it, from what the webhook stored.
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.WorkingHours);
        var state = SuspendState.Read(ReadOnly(stored.Metadata.Annotations), ReadOnly(stored.Metadata.Labels));
        state.IsValid.ShouldBeTrue(state.IsValid ? null : state.Error);
        var verdict = SuspendRules.ForRestore(stored.Spec.Suspend == true, state.Value!).ShouldBeOfType<ResumeVerdict.PutBack>();
        var restore = SuspendPatches.Restore(Metadata(stored), verdict.Suspend, SuspendPatches.RestorePreconditions(stored.Metadata.ResourceVersion, state.Value!.OriginalSuspend));
        await sandbox.Client.BatchV1.PatchNamespacedCronJobAsync(
            new V1Patch(restore.ToJsonString(), V1Patch.PatchType.JsonPatch), "nightly", ns, fieldManager: WellKnown.FieldManagers.Sweeper);

        var restored = await sandbox.Client.BatchV1.ReadNamespacedCronJobAsync("nightly", ns);
        restored.Spec.Suspend.ShouldBe(false);
        (restored.Metadata.Annotations ?? new Dictionary<string, string>()).Keys.ShouldNotContain(WellKnown.Annotations.OriginalSuspend);
        (restored.Metadata.Labels ?? new Dictionary<string, string>()).Keys.ShouldNotContain(WellKnown.Labels.Stopped);
    }

    [Fact]
    public async Task A_cronjob_a_person_applies_suspended_at_night_is_left_alone()
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync();

        var apply = await _kubectl.RunAsync("apply", "-f", Manifest(ns, "paused", "true"));

        apply.ExitCode.ShouldBe(0, apply.Error);
        apply.Error.ShouldNotContain("tarnfui");
        var stored = await sandbox.Client.BatchV1.ReadNamespacedCronJobAsync("paused", ns);
        stored.Spec.Suspend.ShouldBe(true);
        (stored.Metadata.Annotations ?? new Dictionary<string, string>()).Keys.ShouldNotContain(WellKnown.Annotations.OriginalSuspend);
    }

    [Fact]
    public async Task Resuming_a_held_cronjob_at_night_keeps_it_suspended_with_the_intent()
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync();
        (await _kubectl.RunAsync("apply", "-f", Manifest(ns, "report", "false"))).ExitCode.ShouldBe(0);

        var patch = await _kubectl.RunAsync("patch", "cronjob/report", "-n", ns, "--type=merge", "-p", """{"spec":{"suspend":false}}""");

        patch.ExitCode.ShouldBe(0, patch.Error);
        patch.Error.ShouldContain($"Warning: tarnfui: cronjob {ns}/report is suspended for off-hours");
        var stored = await sandbox.Client.BatchV1.ReadNamespacedCronJobAsync("report", ns);
        stored.Spec.Suspend.ShouldBe(true);
        stored.Metadata.Annotations[WellKnown.Annotations.OriginalSuspend].ShouldBe("false");
    }

    [Fact]
    public async Task Opting_out_lets_a_cronjob_run_at_night()
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        var ns = await sandbox.CreateNamespaceAsync(new() { [WellKnown.Annotations.Exclude] = "true" });

        (await _kubectl.RunAsync("apply", "-f", Manifest(ns, "excluded", "false"))).ExitCode.ShouldBe(0);

        (await sandbox.Client.BatchV1.ReadNamespacedCronJobAsync("excluded", ns)).Spec.Suspend.ShouldBe(false);
    }

    [Theory]
    [InlineData("a CronJob with no annotations nor labels", false)]
    [InlineData("a CronJob that has both maps already", true)]
    public async Task The_webhook_and_the_sweeper_store_the_same_suspended_cronjob(string because, bool withMaps)
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.WorkingHours);
        var ns = await sandbox.CreateNamespaceAsync();
        await CreateAsync(ns, "by-sweeper", withMaps);

        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        await CreateAsync(ns, "by-webhook", withMaps);
        var read = await sandbox.Client.BatchV1.ReadNamespacedCronJobAsync("by-sweeper", ns);
        var stop = SuspendPatches.Stop(Metadata(read), currentSuspend: false, WebhookSandboxFixture.OffHours, SuspendPatches.StopPreconditions(Metadata(read), read.Metadata.ResourceVersion, suspended: false));
        await sandbox.Client.BatchV1.PatchNamespacedCronJobAsync(
            new V1Patch(stop.ToJsonString(), V1Patch.PatchType.JsonPatch), "by-sweeper", ns, fieldManager: WellKnown.FieldManagers.Sweeper);

        var webhook = Stored(await sandbox.Client.BatchV1.ReadNamespacedCronJobAsync("by-webhook", ns));
        webhook.ShouldBe(Stored(await sandbox.Client.BatchV1.ReadNamespacedCronJobAsync("by-sweeper", ns)), because);
        webhook.ShouldContain($"annotation {WellKnown.Annotations.OriginalSuspend}=false", because);
        webhook.ShouldContain("suspend True", because);
    }

    public void Dispose() => _kubectl.Dispose();

    private string Manifest(string ns, string name, string suspend) => _kubectl.WriteFile($"{name}.yaml", $"""
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          schedule: "*/15 * * * *"
          suspend: {suspend}
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: {name}
                      image: registry.example.com/shop/{name}:1
        """);

    private Task<V1CronJob> CreateAsync(string ns, string name, bool withMaps) =>
        sandbox.Client.BatchV1.CreateNamespacedCronJobAsync(new V1CronJob
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Annotations = withMaps ? new Dictionary<string, string> { ["example.com/team"] = "shop" } : null,
                Labels = withMaps ? new Dictionary<string, string> { ["app"] = "shop" } : null,
            },
            Spec = new V1CronJobSpec
            {
                Schedule = "*/15 * * * *",
                JobTemplate = new V1JobTemplateSpec
                {
                    Spec = new V1JobSpec
                    {
                        Template = new V1PodTemplateSpec
                        {
                            Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = name, Image = "registry.example.com/" + name + ":1" }] },
                        },
                    },
                },
            },
        }, ns);

    private static WorkloadMetadata Metadata(V1CronJob cronJob) => new(ReadOnly(cronJob.Metadata.Annotations), ReadOnly(cronJob.Metadata.Labels));

    private static Dictionary<string, string>? ReadOnly(IDictionary<string, string>? map) => map is null ? null : new(map, StringComparer.Ordinal);

    // Every annotation and label the user or Tarnfui set, and spec.suspend: what a reader of the object sees.
    private static string[] Stored(V1CronJob cronJob) =>
        [
            .. (cronJob.Metadata.Annotations ?? new Dictionary<string, string>())
                .Select(a => $"annotation {a.Key}={a.Value}")
                .Concat((cronJob.Metadata.Labels ?? new Dictionary<string, string>()).Select(l => $"label {l.Key}={l.Value}"))
                .Append($"suspend {cronJob.Spec.Suspend}")
                .Order(StringComparer.Ordinal),
        ];
}

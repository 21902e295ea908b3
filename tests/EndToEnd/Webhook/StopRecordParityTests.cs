using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Replicas;

namespace Tarnfui.EndToEnd.Webhook;

/// <summary>
/// The webhook's stop and the sweeper's stop of the same workload, through the emulator over HTTP, leave the same
/// stored object: same record, same label, same count. The morning restore cannot tell who stopped it.
/// </summary>
[Collection(WebhookSandboxDefinition.Name)]
public sealed class StopRecordParityTests(WebhookSandboxFixture sandbox)
{
    [Theory]
    [InlineData("a workload with no annotations nor labels", false)]
    [InlineData("a workload that has both maps already", true)]
    public async Task The_webhook_and_the_sweeper_store_the_same_stopped_workload(string because, bool withMaps)
    {
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.WorkingHours);
        var ns = await sandbox.CreateNamespaceAsync();
        await CreateAsync(ns, "by-sweeper", withMaps);

        // Off-hours: a create at 3 is held down by the webhook; the other one is stopped by the sweeper's patch.
        sandbox.Server.Clock.SetTo(WebhookSandboxFixture.OffHours);
        await CreateAsync(ns, "by-webhook", withMaps);
        await SweeperStopAsync(ns, "by-sweeper");

        var webhook = await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("by-webhook", ns);
        var sweeper = await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("by-sweeper", ns);

        Stored(webhook).ShouldBe(Stored(sweeper), because);
        Stored(webhook).ShouldContain($"label {WellKnown.Labels.Stopped}=true", because);
        Stored(webhook).ShouldContain($"annotation {WellKnown.Annotations.OriginalReplicas}=3", because);
        webhook.Spec.Replicas.ShouldBe(0, because);
    }

    // As the sweeper does: read, stop behind the resourceVersion, and read again when the emulator's deployment
    // controller wrote in between (409/422), a bounded number of times.
    private async Task SweeperStopAsync(string ns, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
            var metadata = new WorkloadMetadata(ReadOnly(read.Metadata.Annotations), ReadOnly(read.Metadata.Labels));
            var stop = ReplicaPatches.Stop(metadata, read.Spec.Replicas ?? 1, 0, WebhookSandboxFixture.OffHours, PatchPreconditions.OnResourceVersion(read.Metadata.ResourceVersion));
            try
            {
                await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(
                    new V1Patch(stop.ToJsonString(), V1Patch.PatchType.JsonPatch), name, ns, fieldManager: WellKnown.FieldManagers.Sweeper);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity && attempt < 10)
            {
            }
        }
    }

    private Task<V1Deployment> CreateAsync(string ns, string name, bool withMaps) =>
        sandbox.Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Annotations = withMaps ? new Dictionary<string, string> { ["example.com/team"] = "shop" } : null,
                Labels = withMaps ? new Dictionary<string, string> { ["app"] = "shop" } : null,
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = 3,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = "registry.example.com/" + name + ":1" }] },
                },
            },
        }, ns);

    private static Dictionary<string, string>? ReadOnly(IDictionary<string, string>? map) => map is null ? null : new(map, StringComparer.Ordinal);

    // Every annotation and label the user or Tarnfui set, and the count: what a reader of the object sees. The
    // controller's own annotations (the rollout revision) are left out: they are not written by either stop.
    private static string[] Stored(V1Deployment deployment) =>
        [
            .. (deployment.Metadata.Annotations ?? new Dictionary<string, string>())
                .Where(a => !a.Key.StartsWith("deployment.kubernetes.io/", StringComparison.Ordinal))
                .Select(a => $"annotation {a.Key}={a.Value}")
                .Concat((deployment.Metadata.Labels ?? new Dictionary<string, string>()).Select(l => $"label {l.Key}={l.Value}"))
                .Append($"replicas {deployment.Spec.Replicas}")
                .Order(StringComparer.Ordinal),
        ];
}

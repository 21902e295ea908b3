using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Tests.Controllers;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// The deployment controller copies a Deployment's annotations onto its current ReplicaSet on every sync, except a
/// skip list, and writes the ReplicaSet's own revision and desired count (pkg/controller/deployment/util/deployment_util.go:
/// <c>SetNewReplicaSetAnnotations</c>, <c>copyDeploymentAnnotationsToReplicaSet</c>, <c>annotationsToSkip</c>,
/// <c>SetReplicasAnnotations</c>). It adds and overwrites, never removes. The sweeper's copy route decides from the
/// ReplicaSet its pods point at (src/Sweeper/Sweeping/CopyStopRoute.cs) because of this copy, and tests as absent the
/// record keys a copy may still carry from an earlier stop.
/// </summary>
[Collection("Simulation")]
public sealed class DeploymentAnnotationCopyConformanceTests(SimulationFixture fixture)
{
    // annotationsToSkip, spelled here as Kubernetes spells it rather than taken from the emulator, which it holds.
    private static readonly Dictionary<string, string> Skipped = new()
    {
        ["kubectl.kubernetes.io/last-applied-configuration"] = "{}",
        ["deployment.kubernetes.io/revision-history"] = "1,2",
        ["deployment.kubernetes.io/max-replicas"] = "99",
        ["deprecated.deployment.rollback.to"] = "1",
    };

    private readonly Kubernetes _client = fixture.Client;

    [Fact]
    public async Task The_replicaset_carries_the_deployments_annotations_but_the_skip_list_and_keeps_removed_ones()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var annotations = new Dictionary<string, string>(Skipped)
        {
            [WellKnown.Annotations.Uptime] = "Mon-Fri 08:00-18:00 UTC",
            [WellKnown.Annotations.OriginalReplicas] = "3",
            [WellKnown.DeploymentAnnotations.Revision] = "7",
            [WellKnown.DeploymentAnnotations.DesiredReplicas] = "99",
        };
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(annotations), ns);

        var copy = await ReplicaSetAnnotationsAsync(ns, a => a.ContainsKey(WellKnown.Annotations.Uptime));

        copy[WellKnown.Annotations.Uptime].ShouldBe("Mon-Fri 08:00-18:00 UTC");
        copy[WellKnown.Annotations.OriginalReplicas].ShouldBe("3", "Tarnfui's keys are copied like any other");
        copy[WellKnown.DeploymentAnnotations.Revision].ShouldBe("1", "the ReplicaSet's own revision, not the Deployment's");
        copy[WellKnown.DeploymentAnnotations.DesiredReplicas].ShouldBe("2", "the Deployment's spec.replicas, not its annotation");
        copy.Keys.ShouldNotContain(k => k == "kubectl.kubernetes.io/last-applied-configuration" || k == "deprecated.deployment.rollback.to"
            || k == "deployment.kubernetes.io/revision-history");
        copy.GetValueOrDefault("deployment.kubernetes.io/max-replicas").ShouldNotBe("99", "max-replicas is the controller's, never copied");

        // An annotation change alone syncs the Deployment: changed keys are overwritten, removed ones stay.
        var change = new Dictionary<string, object?>
        {
            ["metadata"] = new Dictionary<string, object?>
            {
                ["annotations"] = new Dictionary<string, string?> { [WellKnown.Annotations.OriginalReplicas] = null, [WellKnown.Annotations.Uptime] = "Mon-Fri 09:00-17:00 UTC" },
            },
        };
        await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(System.Text.Json.JsonSerializer.Serialize(change), V1Patch.PatchType.MergePatch), "web", ns);

        var after = await ReplicaSetAnnotationsAsync(ns, a => a.GetValueOrDefault(WellKnown.Annotations.Uptime) == "Mon-Fri 09:00-17:00 UTC");
        after[WellKnown.Annotations.OriginalReplicas].ShouldBe("3", "a key removed from the Deployment is never removed from the copy");
    }

    private async Task<Dictionary<string, string>> ReplicaSetAnnotationsAsync(string ns, Func<Dictionary<string, string>, bool> ready)
    {
        Dictionary<string, string>? annotations = null;
        await Eventually.UntilAsync(fixture.Server.Store, async () =>
        {
            var sets = await _client.AppsV1.ListNamespacedReplicaSetAsync(ns);
            annotations = sets.Items.SingleOrDefault()?.Metadata.Annotations is { } found ? new Dictionary<string, string>(found) : null;
            return annotations is not null && ready(annotations);
        }, "the deployment controller annotates the ReplicaSet");
        return annotations!;
    }

    private static V1Deployment Deployment(Dictionary<string, string> annotations) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", Annotations = annotations },
        Spec = new V1DeploymentSpec
        {
            Replicas = 2,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx" }] },
            },
        },
    };
}

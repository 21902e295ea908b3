using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>The writes of the night as a client makes them: merge patches of annotations and replicas, <c>/scale</c> patches.</summary>
public sealed class ClusterWrites(Kubernetes admin)
{
    public Task AnnotateNamespaceAsync(string ns, string key, string? value) =>
        admin.CoreV1.PatchNamespaceAsync(new V1Patch(Annotation(key, value), V1Patch.PatchType.MergePatch), ns);

    public Task<ObservedWorkload> AnnotateAsync(WorkloadRef workload, string key, string? value) => PatchAsync(workload, Annotation(key, value));

    /// <summary>Sets <c>spec.replicas</c>; of a CronJob, <c>spec.suspend</c>: any count resumes it, none suspends it.</summary>
    public Task<ObservedWorkload> SetReplicasAsync(WorkloadRef workload, int replicas) =>
        PatchAsync(workload, workload?.Kind == WorkloadKind.CronJob
            ? new JsonObject { ["spec"] = new JsonObject { ["suspend"] = replicas == 0 } }.ToJsonString()
            : new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }.ToJsonString());

    /// <summary>A <c>/scale</c> merge patch, as <c>kubectl scale</c> sends; false when admission refused it.</summary>
    public async Task<bool> ScaleAsync(WorkloadRef workload, int replicas)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (workload.Kind == WorkloadKind.CronJob)
        {
            // No /scale: a write of spec.suspend on the main resource, which the webhook decides as it does an apply.
            await SetReplicasAsync(workload, replicas);
            return true;
        }

        var patch = new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }.ToJsonString(), V1Patch.PatchType.MergePatch);
        try
        {
            if (workload.Kind == WorkloadKind.Deployment)
            {
                await admin.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, workload.Name, workload.Namespace);
            }
            else if (workload.Kind == WorkloadKind.Rollout)
            {
                await ArgoRollouts.ScaleSubresourceAsync(admin, workload.Namespace, workload.Name, replicas);
            }
            else
            {
                await admin.AppsV1.PatchNamespacedStatefulSetScaleAsync(patch, workload.Name, workload.Namespace);
            }

            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            return false;
        }
    }

    /// <summary>Every Deployment, StatefulSet, Rollout and CronJob of the cluster, by workload: four list requests.</summary>
    public async Task<Dictionary<WorkloadRef, ObservedWorkload>> ListAsync()
    {
        var all = new Dictionary<WorkloadRef, ObservedWorkload>();
        foreach (var d in (await admin.AppsV1.ListDeploymentForAllNamespacesAsync()).Items)
        {
            all[new WorkloadRef(WorkloadKind.Deployment, d.Metadata.NamespaceProperty, d.Metadata.Name)] = new ObservedWorkload(d.Spec.Replicas, d.Metadata);
        }

        foreach (var s in (await admin.AppsV1.ListStatefulSetForAllNamespacesAsync()).Items)
        {
            all[new WorkloadRef(WorkloadKind.StatefulSet, s.Metadata.NamespaceProperty, s.Metadata.Name)] = new ObservedWorkload(s.Spec.Replicas, s.Metadata);
        }

        foreach (var (replicas, metadata) in await ArgoRollouts.ListAsync(admin))
        {
            all[new WorkloadRef(WorkloadKind.Rollout, metadata.NamespaceProperty, metadata.Name)] = new ObservedWorkload(replicas, metadata);
        }

        foreach (var c in (await admin.BatchV1.ListCronJobForAllNamespacesAsync()).Items)
        {
            all[new WorkloadRef(WorkloadKind.CronJob, c.Metadata.NamespaceProperty, c.Metadata.Name)] = ObservedWorkload.Of(c);
        }

        return all;
    }

    /// <summary>Sets or removes (<paramref name="value"/> null) an annotation of the ScaledObject of <paramref name="target"/> (it has the target's name).</summary>
    public Task AnnotateScaledObjectAsync(WorkloadRef target, string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(target);
        return admin.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(Annotation(key, value), V1Patch.PatchType.MergePatch), WellKnown.Keda.Group, WellKnown.Keda.Version, target.Namespace, WellKnown.Keda.ScaledObjects, target.Name);
    }

    /// <summary>Every ScaledObject of the cluster, by the workload it scales (a Deployment unless it names a StatefulSet): one list request.</summary>
    public async Task<Dictionary<WorkloadRef, ObservedScaledObject>> ListScaledObjectsAsync()
    {
        var all = new Dictionary<WorkloadRef, ObservedScaledObject>();
        foreach (var (ns, name, annotations, labels, targetKind) in await KedaScaledObjects.ListAsync(admin))
        {
            var kind = targetKind == WorkloadKind.StatefulSet.Kind ? WorkloadKind.StatefulSet : WorkloadKind.Deployment;
            all[new WorkloadRef(kind, ns, name)] = new ObservedScaledObject(annotations, labels);
        }

        return all;
    }

    private async Task<ObservedWorkload> PatchAsync(WorkloadRef workload, string mergePatch)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var patch = new V1Patch(mergePatch, V1Patch.PatchType.MergePatch);
        if (workload.Kind == WorkloadKind.Deployment)
        {
            var d = await admin.AppsV1.PatchNamespacedDeploymentAsync(patch, workload.Name, workload.Namespace);
            return new ObservedWorkload(d.Spec.Replicas, d.Metadata);
        }

        if (workload.Kind == WorkloadKind.CronJob)
        {
            return ObservedWorkload.Of(await admin.BatchV1.PatchNamespacedCronJobAsync(patch, workload.Name, workload.Namespace));
        }

        if (workload.Kind == WorkloadKind.Rollout)
        {
            var (replicas, metadata) = await ArgoRollouts.PatchAsync(admin, workload.Namespace, workload.Name, mergePatch);
            return new ObservedWorkload(replicas, metadata);
        }

        var s = await admin.AppsV1.PatchNamespacedStatefulSetAsync(patch, workload.Name, workload.Namespace);
        return new ObservedWorkload(s.Spec.Replicas, s.Metadata);
    }

    // A null value removes the key: JSON merge patch (RFC 7386).
    private static string Annotation(string key, string? value) =>
        new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } }.ToJsonString();
}

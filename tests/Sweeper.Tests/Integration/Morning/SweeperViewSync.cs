using k8s;
using Microsoft.Extensions.DependencyInjection;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// Waits until a sweeper's watched view (namespace annotations, the stopped set, the CronJobs, the ScaledObjects) says what the API server says. A
/// sweep decides from that view; the property is about what the sweeps decide once they know the night's changes, not
/// about how soon a watch delivers them, so each sweep of the night starts from a view that caught up.
/// </summary>
internal static class SweeperViewSync
{
    public static Task CaughtUpAsync(TestSweeper sweeper, Kubernetes admin)
    {
        ArgumentNullException.ThrowIfNull(sweeper);
        ArgumentNullException.ThrowIfNull(admin);
        var view = sweeper.Services.GetRequiredService<ClusterView>();
        return Poll.UntilAsync(() => BehindAsync(view, admin), behind => $"the sweeper's view did not catch up: {behind}");
    }

    private static async Task<string?> BehindAsync(ClusterView view, Kubernetes admin)
    {
        foreach (var ns in (await admin.CoreV1.ListNamespaceAsync()).Items)
        {
            var expected = (ns.Metadata.Annotations ?? new Dictionary<string, string>())
                .Where(a => DecisiveMetadata.IsKept(a.Key))
                .ToDictionary(a => a.Key, a => a.Value);
            if (view.NamespaceAnnotations(ns.Metadata.Name) is not { } kept || !MorningSandbox.SameTarnfuiKeys(kept, expected))
            {
                return $"namespace {ns.Metadata.Name}";
            }
        }

        var stopped = new HashSet<WorkloadRef>();
        var deployments = (await admin.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: WellKnown.Labels.StoppedSelector)).Items
            .Select(d => (Ref: new WorkloadRef(WorkloadKind.Deployment, d.Metadata.NamespaceProperty, d.Metadata.Name), d.Metadata));
        var statefulSets = (await admin.AppsV1.ListStatefulSetForAllNamespacesAsync(labelSelector: WellKnown.Labels.StoppedSelector)).Items
            .Select(s => (Ref: new WorkloadRef(WorkloadKind.StatefulSet, s.Metadata.NamespaceProperty, s.Metadata.Name), s.Metadata));
        foreach (var cronJob in (await admin.BatchV1.ListCronJobForAllNamespacesAsync()).Items)
        {
            var workload = new WorkloadRef(WorkloadKind.CronJob, cronJob.Metadata.NamespaceProperty, cronJob.Metadata.Name);
            if (view.CronJobs.Get(workload.Namespace, workload.Name) is not { } kept || !DecisiveMetadata.Matches(kept.Metadata, cronJob.Metadata) || kept.Suspend != cronJob.Spec.Suspend)
            {
                return $"{workload}";
            }

            if (kept.Metadata.IsStopped)
            {
                stopped.Add(workload);
            }
        }

        var rollouts = (await ArgoRollouts.ListAsync(admin, WellKnown.Labels.StoppedSelector))
            .Select(r => (Ref: new WorkloadRef(WorkloadKind.Rollout, r.Metadata.NamespaceProperty, r.Metadata.Name), r.Metadata));
        foreach (var (workload, metadata) in deployments.Concat(statefulSets).Concat(rollouts))
        {
            stopped.Add(workload);
            if (view.Stopped(workload.Kind).Get(workload.Namespace, workload.Name) is not { } kept || !DecisiveMetadata.Matches(kept.Metadata, metadata))
            {
                return $"stopped {workload}";
            }
        }

        foreach (var scaledObject in await KedaScaledObjects.ListAsync(admin))
        {
            var kept = view.ScaledObjects.Items.FirstOrDefault(s => s.Namespace == scaledObject.Namespace && s.Name == scaledObject.Name);
            string[] keys = [WellKnown.Keda.PausedReplicas, .. WellKnown.Annotations.ScaledObjectState];
            if (kept is null || keys.Any(key => kept.Annotations?.GetValueOrDefault(key) != scaledObject.Annotations.GetValueOrDefault(key)))
            {
                return $"ScaledObject {scaledObject.Namespace}/{scaledObject.Name}";
            }
        }

        return view.StoppedWorkloads().Select(w => w.Ref).FirstOrDefault(w => !stopped.Contains(w)) is { } gone ? $"no longer stopped {gone}" : null;
    }
}

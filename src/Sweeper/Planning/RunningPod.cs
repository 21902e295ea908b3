using k8s.Models;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// What the stop pass reads of a running pod: its namespace, the controller its ownerReferences name
/// (<see cref="OwnerWalk.ControllerOf"/>: a ReplicaSet or a workload kind; null when none), and whether it is being
/// deleted. A page of pods is cut down to these as soon as it arrives: the walk keeps a page while it stops the
/// workloads behind it, which outlasts several collections, and the pods' whole metadata (names, UIDs, labels, and on a
/// real cluster managedFields) would be carried into the older generations with it, to stay there as garbage until the
/// next full collection (docs/benchmarks.md, "Sweeper memory: what the peak is made of").
/// </summary>
/// <param name="Namespace">The pod's namespace (the pool's instance, <see cref="SharedStrings"/>), or null when it has none.</param>
/// <param name="Controller">The controller the walk follows, or null.</param>
/// <param name="Terminating">Whether it is being deleted: a pod still Running through its grace period.</param>
internal readonly record struct RunningPod(string? Namespace, OwnerRef? Controller, bool Terminating)
{
    public static RunningPod Of(V1ObjectMeta pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var controller = OwnerWalk.ControllerOf(pod);

        // The controller's namespace is the pod's, already the pool's instance: one lookup in the pool, not two.
        var @namespace = pod.NamespaceProperty is null ? null : controller?.Namespace ?? SharedStrings.Share(pod.NamespaceProperty);
        return new(@namespace, controller, pod.DeletionTimestamp is not null);
    }

    /// <summary>The pods of one page, in order; the pods of one controller share one <see cref="OwnerRef"/>.</summary>
    public static RunningPod[] Page(IReadOnlyList<V1ObjectMeta> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var page = new RunningPod[pods.Count];
        var controllers = new Dictionary<OwnerRef, OwnerRef>();
        for (var i = 0; i < page.Length; i++)
        {
            var pod = Of(pods[i]);
            if (pod.Controller is { } controller && !controllers.TryAdd(controller, controller))
            {
                pod = pod with { Controller = controllers[controller] };
            }

            page[i] = pod;
        }

        return page;
    }
}

using k8s.Models;
using NodaTime;

namespace Tarnfui.Emulator.Controllers;

// StatefulSets (ordinal pods) and DaemonSets (one pod per node).
public sealed partial class ClusterControllers
{
    public const string StatefulSetPodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string ControllerRevisionHashLabel = "controller-revision-hash";

    private bool ReconcileStatefulSet(string ns, string name, Instant now)
    {
        var set = _store.Read<V1StatefulSet>(ns, name);
        if (set is null || set.Metadata.DeletionTimestamp is not null)
        {
            DeleteOrphans(ns, "StatefulSet", name);
            return true;
        }

        var desired = set.Spec.Replicas ?? 1;
        var revision = $"{name}-{Names.TemplateHash(set.Spec.Template)}";
        var pods = PodsOf(ns, set.Metadata.Uid).ToDictionary(p => p.Metadata.Name);
        for (var ordinal = 0; ordinal < desired; ordinal++)
        {
            var podName = $"{name}-{ordinal}";
            if (pods.ContainsKey(podName))
            {
                continue;
            }

            var labels = new Dictionary<string, string> { [StatefulSetPodNameLabel] = podName, [ControllerRevisionHashLabel] = revision };
            var pod = PodFactory.Create(set.Spec.Template, set, podName, NodeFor(ordinal), now, extraLabels: labels);
            if (_store.Create(pod))
            {
                pods[podName] = pod;
            }
        }

        // Scale-down removes the highest ordinals.
        foreach (var extra in pods.Keys.Where(n => Ordinal(n, name) >= desired).ToList())
        {
            _store.Delete<V1Pod>(ns, extra);
            pods.Remove(extra);
        }

        var status = StatefulSetStatus(set, pods.Values.ToList(), revision);
        if (Same(set.Status, status))
        {
            return true;
        }

        set.Status = status;
        return _store.ReplaceStatus(set);
    }

    private bool ReconcileDaemonSet(string ns, string name, Instant now)
    {
        var set = _store.Read<V1DaemonSet>(ns, name);
        if (set is null || set.Metadata.DeletionTimestamp is not null)
        {
            DeleteOrphans(ns, "DaemonSet", name);
            return true;
        }

        var pods = PodsOf(ns, set.Metadata.Uid).ToList();
        var hash = Names.TemplateHash(set.Spec.Template);
        for (var index = 0; index < Nodes.Count; index++)
        {
            var node = Nodes[index];
            if (pods.Any(p => p.Spec?.NodeName == node))
            {
                continue;
            }

            var pod = PodFactory.Create(set.Spec.Template, set, $"{name}-{Names.PodSuffix(set.Metadata.Uid, index)}", node, now, extraLabels: new Dictionary<string, string> { [ControllerRevisionHashLabel] = hash });
            if (_store.Create(pod))
            {
                pods.Add(pod);
            }
        }

        var status = DaemonSetStatus(set, pods, Nodes.Count);
        if (Same(set.Status, status))
        {
            return true;
        }

        set.Status = status;
        return _store.ReplaceStatus(set);
    }

    /// <summary>The status the StatefulSet controller writes for <paramref name="pods"/> of one revision.</summary>
    public static V1StatefulSetStatus StatefulSetStatus(V1StatefulSet set, IReadOnlyCollection<V1Pod> pods, string revision)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(pods);
        var ready = pods.Count(PodFactory.IsReady);
        return new V1StatefulSetStatus
        {
            ObservedGeneration = set.Metadata.Generation,
            Replicas = pods.Count,
            ReadyReplicas = NullIfZero(ready),
            AvailableReplicas = ready,
            CurrentReplicas = NullIfZero(pods.Count),
            UpdatedReplicas = NullIfZero(pods.Count),
            CurrentRevision = revision,
            UpdateRevision = revision,
            CollisionCount = 0,
        };
    }

    /// <summary>The status the DaemonSet controller writes for <paramref name="pods"/> on <paramref name="nodes"/> nodes.</summary>
    public static V1DaemonSetStatus DaemonSetStatus(V1DaemonSet set, IReadOnlyCollection<V1Pod> pods, int nodes)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(pods);
        var ready = pods.Count(PodFactory.IsReady);
        return new V1DaemonSetStatus
        {
            ObservedGeneration = set.Metadata.Generation,
            DesiredNumberScheduled = nodes,
            CurrentNumberScheduled = pods.Count,
            UpdatedNumberScheduled = pods.Count,
            NumberReady = ready,
            NumberAvailable = NullIfZero(ready),
            NumberMisscheduled = 0,
        };
    }

    private static int Ordinal(string podName, string setName) =>
        int.TryParse(podName.AsSpan(setName.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ordinal) ? ordinal : int.MaxValue;
}

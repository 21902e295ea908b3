using System.Globalization;
using k8s.Models;
using NodaTime;

namespace Tarnfui.Emulator.Controllers;

// Rollout → ReplicaSet → Pods, as Argo Rollouts' controller does it for what Tarnfui depends on: one ReplicaSet per
// pod template, owned by the Rollout (controller ownerReference) and labelled rollouts-pod-template-hash, kept at
// spec.replicas, older ones scaled to zero at once; no canary or blue-green steps. Argo also copies the Rollout's
// annotations onto its ReplicaSets; Tarnfui reads the Rollout itself, so that copy is not emulated. It runs only while
// the Rollout CRD is installed: without it the store serves no Rollout to read.
public sealed partial class ClusterControllers
{
    public const string RolloutPodTemplateHashLabel = "rollouts-pod-template-hash";
    public const string RolloutRevisionAnnotation = "rollout.argoproj.io/revision";
    public const string RolloutDesiredReplicasAnnotation = "rollout.argoproj.io/desired-replicas";

    private bool ReconcileRollout(string ns, string name, Instant now)
    {
        _ = now;
        var rollout = _store.Read<ArgoRollout>(ns, name);
        var owned = _store.List<V1ReplicaSet>(ns).Where(rs => IsControlledBy(rs, "Rollout", name, rollout?.Metadata.Uid)).ToList();
        if (rollout is null || rollout.Metadata.DeletionTimestamp is not null)
        {
            // Garbage collection of the dependents of a deleted owner (background cascading deletion).
            owned.ForEach(rs => _store.Delete<V1ReplicaSet>(ns, rs.Metadata.Name));
            return true;
        }

        if (rollout.Spec?.Template is not { } template)
        {
            return true;
        }

        var desired = rollout.Spec.Replicas ?? 1;
        var hash = Names.TemplateHash(template);
        var current = owned.FirstOrDefault(rs => rs.Metadata.Labels?.TryGetValue(RolloutPodTemplateHashLabel, out var h) == true && h == hash);
        var revision = (owned.Count + (current is null ? 1 : 0)).ToString(CultureInfo.InvariantCulture);
        if (current is null)
        {
            if (!_store.Create(NewRolloutReplicaSet(rollout, template, hash, desired, revision)))
            {
                return false;
            }
        }
        else if (current.Spec.Replicas != desired)
        {
            current.Spec.Replicas = desired;
            current.Metadata.Annotations ??= new Dictionary<string, string>();
            current.Metadata.Annotations[RolloutDesiredReplicasAnnotation] = Text(desired);
            if (!_store.Replace(current))
            {
                return false;
            }
        }

        foreach (var old in owned.Where(rs => rs != current && rs.Spec.Replicas != 0))
        {
            old.Spec.Replicas = 0;
            if (!_store.Replace(old))
            {
                return false;
            }
        }

        var status = new ArgoRolloutStatus
        {
            Replicas = owned.Sum(rs => rs.Status?.Replicas ?? 0),
            HpaReplicas = owned.Sum(rs => rs.Status?.AvailableReplicas ?? 0),
            UpdatedReplicas = current?.Status?.Replicas ?? 0,
            ReadyReplicas = owned.Sum(rs => rs.Status?.ReadyReplicas ?? 0),
            AvailableReplicas = owned.Sum(rs => rs.Status?.AvailableReplicas ?? 0),
            CurrentPodHash = hash,
            ObservedGeneration = rollout.Metadata.Generation?.ToString(CultureInfo.InvariantCulture),
            Selector = SelectorText(rollout.Spec.Selector),
        };
        if (Equals(rollout.Status, status))
        {
            return true;
        }

        rollout.Status = status;
        return _store.ReplaceStatus(rollout);
    }

    /// <summary>The ReplicaSet Argo's controller creates for a Rollout's current template.</summary>
    public static V1ReplicaSet NewRolloutReplicaSet(ArgoRollout rollout, V1PodTemplateSpec template, string hash, int replicas, string revision)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var podTemplate = Clone(template);
        podTemplate.Metadata ??= new V1ObjectMeta();
        podTemplate.Metadata.Labels = new Dictionary<string, string>(podTemplate.Metadata.Labels ?? new Dictionary<string, string>()) { [RolloutPodTemplateHashLabel] = hash };
        var selector = rollout.Spec?.Selector is { } declared ? Clone(declared) : new V1LabelSelector();
        selector.MatchLabels = new Dictionary<string, string>(selector.MatchLabels ?? new Dictionary<string, string>()) { [RolloutPodTemplateHashLabel] = hash };
        return new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                Name = $"{rollout.Metadata.Name}-{hash}",
                NamespaceProperty = rollout.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>(podTemplate.Metadata.Labels),
                Annotations = new Dictionary<string, string> { [RolloutRevisionAnnotation] = revision, [RolloutDesiredReplicasAnnotation] = Text(replicas) },
                OwnerReferences = [PodFactory.ControllerReference(rollout)],
            },
            Spec = new V1ReplicaSetSpec { Replicas = replicas, Selector = selector, Template = podTemplate },
        };
    }

    private static string? SelectorText(V1LabelSelector? selector) =>
        selector?.MatchLabels is { Count: > 0 } labels
            ? string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))
            : null;
}

using System.Globalization;
using k8s;
using k8s.Models;
using NodaTime;

namespace Tarnfui.Emulator.Controllers;

// Deployment → ReplicaSet → Pods, as the deployment and replicaset controllers do it (without the gradual
// rollout: a template change creates the new ReplicaSet at full size and scales the old ones to zero at once).
public sealed partial class ClusterControllers
{
    public const string PodTemplateHashLabel = "pod-template-hash";
    public const string RevisionAnnotation = DeploymentControllerAnnotations.Revision;
    public const string DesiredReplicasAnnotation = DeploymentControllerAnnotations.DesiredReplicas;

    private bool ReconcileDeployment(string ns, string name, Instant now)
    {
        var deployment = _store.Read<V1Deployment>(ns, name);
        var owned = _store.List<V1ReplicaSet>(ns).Where(rs => IsControlledBy(rs, "Deployment", name, deployment?.Metadata.Uid)).ToList();
        if (deployment is null || deployment.Metadata.DeletionTimestamp is not null)
        {
            // Garbage collection of the dependents of a deleted owner (background cascading deletion).
            owned.ForEach(rs => _store.Delete<V1ReplicaSet>(ns, rs.Metadata.Name));
            return true;
        }

        var desired = deployment.Spec.Replicas ?? 1;
        var hash = Names.TemplateHash(deployment.Spec.Template);
        var current = owned.FirstOrDefault(rs => rs.Metadata.Labels?.TryGetValue(PodTemplateHashLabel, out var h) == true && h == hash);

        // deploymentutil: the new ReplicaSet's revision is one above every old one's (a rollback to an old template
        // raises that ReplicaSet's revision), and the Deployment carries the same revision.
        var revision = owned.Where(rs => rs != current).Select(Revision).DefaultIfEmpty(0).Max() + 1;
        if (current is null)
        {
            if (!_store.Create(NewReplicaSet(deployment, hash, desired, revision)))
            {
                return false;
            }
        }
        else
        {
            revision = Math.Max(revision, Revision(current));
            var annotationsChanged = SetReplicaSetAnnotations(deployment, current, desired, revision);
            if ((current.Spec.Replicas != desired || annotationsChanged) && !UpdateCurrent(current, desired))
            {
                return false;
            }
        }

        if (Annotation(deployment.Metadata, RevisionAnnotation) != Text(revision))
        {
            deployment.Metadata.Annotations ??= new Dictionary<string, string>();
            deployment.Metadata.Annotations[RevisionAnnotation] = Text(revision);
            if (!_store.Replace(deployment) || _store.Read<V1Deployment>(ns, name) is not { } updated)
            {
                return false;
            }

            deployment = updated;
        }

        foreach (var old in owned.Where(rs => rs != current && rs.Spec.Replicas != 0))
        {
            old.Spec.Replicas = 0;
            if (!_store.Replace(old))
            {
                return false;
            }
        }

        return UpdateDeploymentStatus(deployment, current, owned, now);
    }

    private bool UpdateDeploymentStatus(V1Deployment deployment, V1ReplicaSet? current, List<V1ReplicaSet> owned, Instant now)
    {
        var status = DeploymentStatus(deployment, current, owned, now);
        if (Same(deployment.Status, status))
        {
            return true;
        }

        deployment.Status = status;
        return _store.ReplaceStatus(deployment);
    }

    /// <summary>The status the deployment controller writes once <paramref name="owned"/> ReplicaSets report theirs.</summary>
    public static V1DeploymentStatus DeploymentStatus(V1Deployment deployment, V1ReplicaSet? current, IReadOnlyCollection<V1ReplicaSet> owned, Instant now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(owned);
        var replicas = owned.Sum(rs => rs.Status?.Replicas ?? 0);
        var ready = owned.Sum(rs => rs.Status?.ReadyReplicas ?? 0);
        var updated = current?.Status?.Replicas ?? 0;
        var desired = deployment.Spec.Replicas ?? 1;
        var previous = deployment.Status;
        return new V1DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata.Generation,
            Replicas = NullIfZero(replicas),
            UpdatedReplicas = NullIfZero(updated),
            ReadyReplicas = NullIfZero(ready),
            AvailableReplicas = NullIfZero(ready),
            UnavailableReplicas = NullIfZero(Math.Max(0, desired - ready)),
            Conditions =
            [
                Condition(previous, "Available", ready >= desired ? "True" : "False", ready >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable", ready >= desired ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now),
                Condition(previous, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{current?.Metadata.Name}\" has successfully progressed.", now),
            ],
        };
    }

    /// <summary>The status the ReplicaSet controller writes for <paramref name="pods"/>.</summary>
    public static V1ReplicaSetStatus ReplicaSetStatus(V1ReplicaSet replicaSet, IReadOnlyCollection<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        ArgumentNullException.ThrowIfNull(pods);
        var ready = pods.Count(PodFactory.IsReady);
        return new V1ReplicaSetStatus
        {
            Replicas = pods.Count,
            FullyLabeledReplicas = NullIfZero(pods.Count),
            ReadyReplicas = NullIfZero(ready),
            AvailableReplicas = NullIfZero(ready),
            ObservedGeneration = replicaSet.Metadata.Generation,
        };
    }

    /// <summary>The ReplicaSet the deployment controller creates for the current template.</summary>
    public static V1ReplicaSet NewReplicaSet(V1Deployment deployment, string hash, int replicas, int revision)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var template = Clone(deployment.Spec.Template);
        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? new Dictionary<string, string>()) { [PodTemplateHashLabel] = hash };
        var selector = Clone(deployment.Spec.Selector);
        selector.MatchLabels = new Dictionary<string, string>(selector.MatchLabels ?? new Dictionary<string, string>()) { [PodTemplateHashLabel] = hash };
        var replicaSet = new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                Name = $"{deployment.Metadata.Name}-{hash}",
                NamespaceProperty = deployment.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>(template.Metadata.Labels),
                OwnerReferences = [PodFactory.ControllerReference(deployment)],
            },
            Spec = new V1ReplicaSetSpec { Replicas = replicas, Selector = selector, Template = template },
        };
        SetReplicaSetAnnotations(deployment, replicaSet, replicas, revision);
        return replicaSet;
    }

    /// <summary>
    /// What <c>deploymentutil.SetNewReplicaSetAnnotations</c> and <c>SetReplicasAnnotations</c> keep on the current
    /// ReplicaSet: the Deployment's annotations (all but <see cref="DeploymentControllerAnnotations.NotCopied"/>), its
    /// revision and its desired replica count. Like <c>copyDeploymentAnnotationsToReplicaSet</c> it only adds and
    /// overwrites: an annotation removed from the Deployment stays on the ReplicaSet. Returns whether anything changed.
    /// </summary>
    public static bool SetReplicaSetAnnotations(V1Deployment deployment, V1ReplicaSet replicaSet, int desired, int revision)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(replicaSet);
        var annotations = replicaSet.Metadata.Annotations ??= new Dictionary<string, string>();
        var wanted = (deployment.Metadata.Annotations ?? new Dictionary<string, string>())
            .Where(a => !DeploymentControllerAnnotations.NotCopied.Contains(a.Key))
            .Append(KeyValuePair.Create(RevisionAnnotation, Text(revision)))
            .Append(KeyValuePair.Create(DesiredReplicasAnnotation, Text(desired)));
        var changed = false;
        foreach (var (key, value) in wanted)
        {
            if (!annotations.TryGetValue(key, out var had) || had != value)
            {
                annotations[key] = value;
                changed = true;
            }
        }

        return changed;
    }

    private bool UpdateCurrent(V1ReplicaSet current, int desired)
    {
        current.Spec.Replicas = desired;
        return _store.Replace(current);
    }

    private bool ReconcileReplicaSet(string ns, string name, Instant now)
    {
        var replicaSet = _store.Read<V1ReplicaSet>(ns, name);
        if (replicaSet is null || replicaSet.Metadata.DeletionTimestamp is not null)
        {
            DeleteOrphans(ns, "ReplicaSet", name);
            return true;
        }

        var pods = PodsOf(ns, replicaSet.Metadata.Uid).Where(p => p.Metadata.DeletionTimestamp is null).ToList();
        var desired = replicaSet.Spec.Replicas ?? 1;
        var taken = pods.Select(p => p.Metadata.Name).ToHashSet();
        // Bounded, so a namespace being deleted under us cannot keep the worker spinning.
        for (var attempts = 0; pods.Count < desired && attempts < 10 * desired; attempts++)
        {
            // A replacement pod gets a new name, as the ReplicaSet controller's generateName gives one.
            var podName = $"{name}-{Names.PodSuffix(replicaSet.Metadata.Uid, _podSequence++)}";
            if (taken.Contains(podName))
            {
                continue;
            }

            var pod = PodFactory.Create(replicaSet.Spec.Template, replicaSet, podName, NodeFor(pods.Count), now);
            if (_store.Create(pod))
            {
                pods.Add(pod);
            }

            taken.Add(podName);
        }

        // Scale-down removes the youngest pods first, as the ReplicaSet controller ranks them.
        foreach (var extra in pods.OrderByDescending(p => p.Metadata.CreationTimestamp).ThenByDescending(p => p.Metadata.Name, StringComparer.Ordinal).Take(pods.Count - desired).ToList())
        {
            _store.Delete<V1Pod>(ns, extra.Metadata.Name);
            pods.Remove(extra);
        }

        var status = ReplicaSetStatus(replicaSet, pods);
        if (Same(replicaSet.Status, status))
        {
            return true;
        }

        replicaSet.Status = status;
        return _store.ReplaceStatus(replicaSet);
    }

    private static int Revision(V1ReplicaSet rs) =>
        int.TryParse(Annotation(rs.Metadata, RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;

    private static bool IsControlledBy(IMetadata<V1ObjectMeta> item, string kind, string name, string? uid) =>
        PodFactory.ControllerOf(item) is { } owner && owner.Kind == kind && owner.Name == name && (uid is null || owner.Uid == uid);

    private void DeleteOrphans(string ns, string kind, string name)
    {
        foreach (var pod in _store.List<V1Pod>(ns).Where(p => IsControlledBy(p, kind, name, null)))
        {
            _store.Delete<V1Pod>(ns, pod.Metadata.Name);
        }
    }

    private static V1DeploymentCondition Condition(V1DeploymentStatus? previous, string type, string status, string reason, string message, Instant now)
    {
        var before = previous?.Conditions?.FirstOrDefault(c => c.Type == type);
        // lastTransitionTime moves only when the status flips, so an unchanged deployment is not rewritten.
        var transition = before is not null && before.Status == status ? before.LastTransitionTime : now.ToDateTimeUtc();
        var update = before is not null && before.Status == status && before.Reason == reason ? before.LastUpdateTime : now.ToDateTimeUtc();
        return new V1DeploymentCondition { Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = transition, LastUpdateTime = update };
    }

    private static string? Annotation(V1ObjectMeta metadata, string key) =>
        metadata.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    private static int? NullIfZero(int value) => value == 0 ? null : value;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool Same<T>(T? a, T? b)
        where T : class =>
        a is null || b is null ? a is null && b is null : KubernetesJson.Serialize(a) == KubernetesJson.Serialize(b);

    private static T Clone<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));
}

using k8s;
using k8s.Models;
using NodaTime;

namespace Tarnfui.Emulator.Controllers;

/// <summary>
/// Makes the pods controllers would get scheduled and started: labels and spec from the template (container
/// requests included), a controller ownerReference, a node, and a status that says Running and Ready at once.
/// </summary>
public static class PodFactory
{
    /// <summary>A controller ownerReference to <paramref name="owner"/>, as every controller writes it.</summary>
    public static V1OwnerReference ControllerReference(IKubernetesObject<V1ObjectMeta> owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new V1OwnerReference
        {
            ApiVersion = owner.ApiVersion,
            Kind = owner.Kind,
            Name = owner.Metadata.Name,
            Uid = owner.Metadata.Uid,
            Controller = true,
            BlockOwnerDeletion = true,
        };
    }

    /// <summary>The controller ownerReference of <paramref name="item"/>, or null.</summary>
    public static V1OwnerReference? ControllerOf(IMetadata<V1ObjectMeta> item) =>
        item?.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);

    /// <summary>A pod of <paramref name="owner"/> from <paramref name="template"/>, phase Running (or Succeeded for Job pods).</summary>
    public static V1Pod Create(V1PodTemplateSpec template, IKubernetesObject<V1ObjectMeta> owner, string name, string node, Instant now, string phase = "Running", IDictionary<string, string>? extraLabels = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(owner);
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>());
        foreach (var (key, value) in extraLabels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        // A deep copy, so pods never share mutable spec objects with their template.
        var spec = KubernetesJson.Deserialize<V1PodSpec>(KubernetesJson.Serialize(template.Spec ?? new V1PodSpec { Containers = [] }));
        spec.NodeName = node;
        var started = now.ToDateTimeUtc();
        var running = phase == "Running";
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = owner.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = template.Metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : null,
                OwnerReferences = [ControllerReference(owner)],
            },
            Spec = spec,
            Status = new V1PodStatus
            {
                Phase = phase,
                HostIP = "10.0.0.1",
                PodIP = "10.244.0." + ((uint)name.GetHashCode(StringComparison.Ordinal) % 250 + 2),
                StartTime = started,
                QosClass = "Burstable",
                Conditions =
                [
                    new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = started },
                    new V1PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = started },
                    new V1PodCondition { Type = "ContainersReady", Status = running ? "True" : "False", LastTransitionTime = started },
                    new V1PodCondition { Type = "Ready", Status = running ? "True" : "False", LastTransitionTime = started },
                ],
                ContainerStatuses = spec.Containers.Select(c => new V1ContainerStatus
                {
                    Name = c.Name,
                    Image = c.Image,
                    ImageID = c.Image,
                    Ready = running,
                    Started = running,
                    RestartCount = 0,
                    State = running
                        ? new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = started } }
                        : new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed", StartedAt = started, FinishedAt = started } },
                }).ToList(),
            },
        };
    }

    /// <summary>Marks a running <paramref name="pod"/> as run to completion at <paramref name="finishedAt"/>: phase Succeeded, containers terminated with exit code 0.</summary>
    public static void Succeed(V1Pod pod, Instant finishedAt)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var at = finishedAt.ToDateTimeUtc();
        pod.Status.Phase = "Succeeded";
        foreach (var condition in pod.Status.Conditions?.Where(c => c.Type is "Ready" or "ContainersReady") ?? [])
        {
            (condition.Status, condition.Reason, condition.LastTransitionTime) = ("False", "PodCompleted", at);
        }

        foreach (var container in pod.Status.ContainerStatuses ?? [])
        {
            (container.Ready, container.Started) = (false, false);
            container.State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed", StartedAt = container.State?.Running?.StartedAt, FinishedAt = at } };
        }
    }

    /// <summary>Whether a pod counts as ready: Running and not being deleted.</summary>
    public static bool IsReady(V1Pod pod) => pod?.Status?.Phase == "Running" && pod.Metadata?.DeletionTimestamp is null;
}

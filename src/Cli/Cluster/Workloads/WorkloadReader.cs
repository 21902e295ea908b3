using k8s.Models;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Cli.Cluster.Workloads;

/// <summary>Turns the typed KubernetesClient objects into <see cref="Workload"/>: one overload per typed object, each naming its kind's descriptor.</summary>
internal static class WorkloadReader
{
    public static Workload From(WorkloadKind kind, V1ObjectMeta metadata, int? replicas)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new Workload(
            new WorkloadRef(kind, metadata.NamespaceProperty ?? string.Empty, metadata.Name ?? string.Empty),
            new WorkloadMetadata(Copy(metadata.Annotations), Copy(metadata.Labels)),
            replicas,
            metadata.ResourceVersion ?? string.Empty,
            metadata.OwnerReferences?.Any(o => o.Controller == true) == true);
    }

    public static Workload From(V1Deployment deployment) =>
        From(WorkloadKind.Deployment, deployment.Metadata, deployment.Spec is null ? null : deployment.Spec.Replicas ?? 1);

    public static Workload From(V1StatefulSet statefulSet) =>
        From(WorkloadKind.StatefulSet, statefulSet.Metadata, statefulSet.Spec is null ? null : statefulSet.Spec.Replicas ?? 1);

    public static Workload From(V1CronJob cronJob) =>
        From(WorkloadKind.CronJob, cronJob.Metadata, replicas: null) with
        {
            Suspend = cronJob.Spec?.Suspend ?? false,
            Schedule = cronJob.Spec?.Schedule,
            TimeZone = cronJob.Spec?.TimeZone,
        };

    public static Workload From(V1Job job) =>
        From(WorkloadKind.Job, job.Metadata, replicas: null) with
        {
            Suspend = job.Spec?.Suspend ?? false,
            Finished = JobConditions.IsFinished(job.Status?.Conditions?.Select(c => ((string?)c.Type, (string?)c.Status))),
        };

    // null stays null: JSON Patch must create a missing map before adding into it.
    private static Dictionary<string, string>? Copy(IDictionary<string, string>? map) =>
        map is null ? null : new Dictionary<string, string>(map, StringComparer.Ordinal);
}

using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// The calls for Jobs (<c>Sweeper:SuspendJobs</c>): a running Job is read and patched whole, like a StatefulSet, since
/// <c>spec.suspend</c> and its finished conditions are not in its metadata; the stopped ones are listed and watched by
/// the <c>stopped</c> label, metadata only, like the other stopped sets (<see cref="ListMetadataAsync"/>). No call lists every Job.
/// </summary>
internal sealed partial class KubeApi
{
    private async Task<WorkloadSnapshot> ReadJobAsync(WorkloadRef workload, CancellationToken cancellationToken)
    {
        using var job = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<JobObject>(
            workload.Kind.Group, workload.Kind.Version, workload.Namespace, workload.Kind.Plural, workload.Name, cancellationToken: cancellationToken);
        return WithLabels(JobSnapshot(job.Body), job.Body.Metadata);
    }

    private async Task<PatchOutcome> PatchJobAsync(WorkloadRef workload, V1Patch patch, CancellationToken cancellationToken)
    {
        using var job = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<JobObject>(
            patch, workload.Kind.Group, workload.Kind.Version, workload.Namespace, workload.Kind.Plural, workload.Name, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
        return new PatchOutcome.Applied(JobSnapshot(job.Body));
    }

    /// <summary>
    /// What the sweeper keeps of a Job read or written whole: its Tarnfui keys, <c>spec.suspend</c> (absent reads as
    /// false, its default), whether it finished, and the CronJob that started it. A Job its CronJob created is not
    /// operator-owned: the CronJob is a kind Tarnfui holds itself, and the Job follows it (<see cref="CronJobGate"/>).
    /// </summary>
    public static WorkloadSnapshot JobSnapshot(JobObject job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var metadata = job.Metadata;
        var controller = metadata.OwnerReferences?.FirstOrDefault(owner => owner.Controller == true);
        var cronJob = controller is not null && WorkloadKind.FindByOwner(controller.ApiVersion, controller.Kind) == WorkloadKind.CronJob ? controller.Name : null;
        return Snapshot(new WorkloadRef(WorkloadKind.Job, SharedStrings.Share(metadata.NamespaceProperty ?? ""), metadata.Name), metadata)
            with
        {
            OperatorOwned = controller is not null && cronJob is null,
            CronJob = cronJob,
            Suspend = job.Spec?.Suspend ?? false,
            Finished = JobConditions.IsFinished(job.Status?.Conditions?.Select(c => ((string?)c.Type, (string?)c.Status))),
        };
    }
}

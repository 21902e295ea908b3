using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// The pods of Jobs, which the stop pass walks past while <c>Sweeper:SuspendJobs</c> is off: a Job is suspended only
/// on request, since its suspension deletes its running pods.
/// </summary>
internal static class JobPods
{
    /// <summary>Whether the pod's controller is a batch/v1 Job.</summary>
    public static bool IsJobPod(RunningPod pod) =>
        pod.Controller is { Kind: var kind } && string.Equals(kind, WorkloadKind.Job.Kind, StringComparison.Ordinal);
}

using k8s.Models;
using NodaTime;

namespace Tarnfui.Emulator.Controllers;

// Jobs: pods that run for ControllerOptions.JobRunTime of simulated time and then succeed; suspending deletes the
// running ones, resuming starts them again. A finished Job is never changed.
public sealed partial class ClusterControllers
{
    public const string JobNameLabel = "batch.kubernetes.io/job-name";

    private bool ReconcileJob(string ns, string name, Instant now)
    {
        var job = _store.Read<V1Job>(ns, name);
        if (job is null || job.Metadata.DeletionTimestamp is not null)
        {
            DeleteOrphans(ns, "Job", name);
            return true;
        }

        if (IsFinished(job))
        {
            return true;
        }

        var pods = PodsOf(ns, job.Metadata.Uid).ToList();
        var suspended = job.Spec.Suspend == true;
        if (suspended)
        {
            foreach (var running in pods.Where(p => p.Status?.Phase == "Running").ToList())
            {
                _store.Delete<V1Pod>(ns, running.Metadata.Name);
                pods.Remove(running);
            }
        }
        else
        {
            FinishPodsThatRan(pods, now);
            StartPods(job, pods, now);
        }

        var status = JobStatus(job, pods, now, suspended);
        if (Same(job.Status, status))
        {
            return true;
        }

        job.Status = status;
        return _store.ReplaceStatus(job);
    }

    // A pod succeeds once it has run for the configured time; a zero run time starts pods already succeeded.
    private void FinishPodsThatRan(List<V1Pod> pods, Instant now)
    {
        for (var i = 0; i < pods.Count; i++)
        {
            var pod = pods[i];
            if (pod.Status?.Phase != "Running" || pod.Status.StartTime is not { } started || Utc(started) + _options.JobRunTime > now)
            {
                continue;
            }

            PodFactory.Succeed(pod, Utc(started) + _options.JobRunTime);
            if (_store.ReplaceStatus(pod))
            {
                pods[i] = _store.Read<V1Pod>(pod.Metadata.NamespaceProperty, pod.Metadata.Name) ?? pod;
            }
        }
    }

    private void StartPods(V1Job job, List<V1Pod> pods, Instant now)
    {
        var completions = job.Spec.Completions ?? 1;
        var parallelism = job.Spec.Parallelism ?? 1;
        var instant = _options.JobRunTime <= Duration.Zero;
        var labels = JobPodLabels(job.Metadata.Name);
        // Names already used in this Job's life stay taken (a suspend deletes pods; their successors get new names).
        var taken = new HashSet<string>(pods.Select(p => p.Metadata.Name), StringComparer.Ordinal);
        for (var index = 0; index < 10 * (completions + 1); index++)
        {
            var succeeded = pods.Count(p => p.Status?.Phase == "Succeeded");
            var running = pods.Count(p => p.Status?.Phase == "Running");
            var wanted = instant ? completions - succeeded : Math.Min(parallelism, completions - succeeded) - running;
            if (wanted <= 0)
            {
                return;
            }

            var podName = $"{job.Metadata.Name}-{Names.PodSuffix(job.Metadata.Uid, index)}";
            if (!taken.Add(podName) || _store.Read<V1Pod>(job.Metadata.NamespaceProperty, podName) is not null)
            {
                continue;
            }

            var pod = PodFactory.Create(job.Spec.Template, job, podName, NodeFor(index), now, phase: instant ? "Succeeded" : "Running", extraLabels: labels);
            if (_store.Create(pod))
            {
                pods.Add(pod);
            }
        }
    }

    /// <summary>The status the Job controller writes once <paramref name="pods"/> ran.</summary>
    public static V1JobStatus JobStatus(V1Job job, IReadOnlyCollection<V1Pod> pods, Instant now) => JobStatus(job, pods, now, suspended: false);

    /// <summary>The status the Job controller writes for <paramref name="pods"/>, suspended or running.</summary>
    public static V1JobStatus JobStatus(V1Job job, IReadOnlyCollection<V1Pod> pods, Instant now, bool suspended)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(pods);
        var completions = job.Spec.Completions ?? 1;
        var succeeded = pods.Count(p => p.Status?.Phase == "Succeeded");
        var running = pods.Count(p => p.Status?.Phase == "Running");
        var complete = succeeded >= completions;
        var at = now.ToDateTimeUtc();
        // A Job completes when its last pod finished, which may be before the reconcile that notices it.
        var finishedAt = pods.SelectMany(p => p.Status?.ContainerStatuses ?? []).Select(c => c.State?.Terminated?.FinishedAt).Max() ?? at;
        var previous = job.Status?.Conditions ?? [];
        var wasSuspended = previous.Any(c => c.Type == "Suspended" && c.Status == "True");
        var conditions = new List<V1JobCondition>();
        if (suspended || previous.Any(c => c.Type == "Suspended"))
        {
            conditions.Add(suspended == wasSuspended
                ? previous.First(c => c.Type == "Suspended")
                : new V1JobCondition { Type = "Suspended", Status = suspended ? "True" : "False", Reason = suspended ? "JobSuspended" : "JobResumed", Message = suspended ? "Job suspended" : "Job resumed", LastProbeTime = at, LastTransitionTime = at });
        }

        if (complete)
        {
            conditions.Add(new V1JobCondition { Type = "Complete", Status = "True", LastProbeTime = finishedAt, LastTransitionTime = finishedAt });
        }

        return new V1JobStatus
        {
            Succeeded = succeeded,
            Active = running == 0 ? null : running,
            // Resuming starts the clock again, as the real controller resets startTime.
            StartTime = suspended ? job.Status?.StartTime : wasSuspended || job.Status?.StartTime is null ? at : job.Status.StartTime,
            CompletionTime = complete ? finishedAt : null,
            Conditions = conditions.Count == 0 ? null : conditions,
        };
    }

    /// <summary>The labels the Job controller puts on its pods.</summary>
    public static Dictionary<string, string> JobPodLabels(string jobName) => new() { [JobNameLabel] = jobName, ["job-name"] = jobName };
}

using System.Globalization;
using k8s.Models;
using NodaTime;

namespace Tarnfui.Emulator.Controllers;

// CronJobs: a Job at each schedule time of the simulated clock, unless suspended.
public sealed partial class ClusterControllers
{
    /// <summary>The annotation kube-controller-manager puts on a CronJob's Jobs: the schedule time they run for.</summary>
    public const string ScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    /// <summary>
    /// Queues every CronJob and every unfinished Job for a reconcile: time moved, and schedules fall due without any
    /// write to react to. The server calls it on a short period; tests call it after they advance the clock.
    /// </summary>
    public void ScheduleTick()
    {
        // A null namespace lists all of them.
        foreach (var cronJob in _store.List<V1CronJob>(null!))
        {
            Add(new Key("CronJob", cronJob.Metadata.NamespaceProperty, cronJob.Metadata.Name));
        }

        foreach (var job in _store.List<V1Job>(null!).Where(j => !IsFinished(j)))
        {
            Add(new Key("Job", job.Metadata.NamespaceProperty, job.Metadata.Name));
        }
    }

    private bool ReconcileCronJob(string ns, string name, Instant now)
    {
        var cronJob = _store.Read<V1CronJob>(ns, name);
        if (cronJob is null || cronJob.Metadata.DeletionTimestamp is not null)
        {
            return true;
        }

        var jobs = _store.List<V1Job>(ns).Where(j => PodFactory.ControllerOf(j)?.Uid == cronJob.Metadata.Uid).ToList();
        var active = jobs.Where(j => !IsFinished(j)).ToList();
        TrimHistory(ns, jobs, "Complete", cronJob.Spec.SuccessfulJobsHistoryLimit ?? 3);
        TrimHistory(ns, jobs, "Failed", cronJob.Spec.FailedJobsHistoryLimit ?? 1);

        var lastScheduled = cronJob.Status?.LastScheduleTime is { } last ? Utc(last) : (Instant?)null;
        if (cronJob.Spec.Suspend != true && DueTime(cronJob, lastScheduled, now) is { } due)
        {
            var policy = cronJob.Spec.ConcurrencyPolicy ?? "Allow";
            if (policy == "Forbid" && active.Count > 0)
            {
                // Skipped, as the real controller does: the run is not recorded and the next one is awaited.
                return WriteCronJobStatus(cronJob, active, lastScheduled);
            }

            if (policy == "Replace")
            {
                foreach (var running in active)
                {
                    _store.Delete<V1Job>(ns, running.Metadata.Name);
                }

                active.Clear();
            }

            var job = JobFor(cronJob, due);
            // A name already taken means this schedule time already ran (the status write was lost).
            if (!_store.Create(job) && _store.Read<V1Job>(ns, job.Metadata.Name) is null)
            {
                return false;
            }

            var created = _store.Read<V1Job>(ns, job.Metadata.Name);
            if (created is not null && active.All(j => j.Metadata.Name != created.Metadata.Name) && !IsFinished(created))
            {
                active.Add(created);
            }

            lastScheduled = due;
        }

        return WriteCronJobStatus(cronJob, active, lastScheduled);
    }

    /// <summary>
    /// The latest schedule time not yet run, or null: times since the last run (or since creation), no older than
    /// <c>startingDeadlineSeconds</c> when it is set. Only the latest of several missed times runs.
    /// </summary>
    public static Instant? DueTime(V1CronJob cronJob, Instant? lastScheduled, Instant now)
    {
        ArgumentNullException.ThrowIfNull(cronJob);
        var schedule = CronSchedule.Parse(cronJob.Spec.Schedule);
        var zone = cronJob.Spec.TimeZone is { Length: > 0 } id
            ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? throw new FormatException($"unknown time zone \"{id}\"")
            : DateTimeZone.Utc;
        var earliest = lastScheduled ?? (cronJob.Metadata.CreationTimestamp is { } created ? Utc(created) : now);
        if (cronJob.Spec.StartingDeadlineSeconds is { } deadline && now - Duration.FromSeconds(deadline) > earliest)
        {
            earliest = now - Duration.FromSeconds(deadline) - Duration.FromMinutes(1);
        }

        Instant? due = null;
        var cursor = earliest.InZone(zone).LocalDateTime;
        while (schedule.Next(cursor) is { } next)
        {
            var at = next.InZoneLeniently(zone).ToInstant();
            if (at > now)
            {
                break;
            }

            if (at > earliest && (cronJob.Spec.StartingDeadlineSeconds is not { } limit || now - at <= Duration.FromSeconds(limit)))
            {
                due = at;
            }

            cursor = next;
        }

        return due;
    }

    /// <summary>The Job a CronJob creates for <paramref name="scheduled"/>: named by the schedule time in minutes since the epoch.</summary>
    public static V1Job JobFor(V1CronJob cronJob, Instant scheduled)
    {
        ArgumentNullException.ThrowIfNull(cronJob);
        var template = cronJob.Spec.JobTemplate;
        var minutes = scheduled.ToUnixTimeSeconds() / 60;
        var annotations = new Dictionary<string, string>(template.Metadata?.Annotations ?? new Dictionary<string, string>())
        {
            [ScheduledTimestampAnnotation] = scheduled.ToString("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture),
        };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = $"{cronJob.Metadata.Name}-{minutes.ToString(CultureInfo.InvariantCulture)}",
                NamespaceProperty = cronJob.Metadata.NamespaceProperty,
                Labels = template.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : null,
                Annotations = annotations,
                OwnerReferences = [PodFactory.ControllerReference(cronJob)],
            },
            Spec = k8s.KubernetesJson.Deserialize<V1JobSpec>(k8s.KubernetesJson.Serialize(template.Spec)),
        };
    }

    /// <summary>Whether a Job finished: its Complete or Failed condition is True.</summary>
    public static bool IsFinished(V1Job job) => FinishedAs(job) is not null;

    private static string? FinishedAs(V1Job job) =>
        job?.Status?.Conditions?.FirstOrDefault(c => c.Type is "Complete" or "Failed" && c.Status == "True")?.Type;

    private static Instant Utc(DateTime time) =>
        Instant.FromDateTimeUtc(time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private void TrimHistory(string ns, List<V1Job> jobs, string outcome, int keep)
    {
        var finished = jobs.Where(j => FinishedAs(j) == outcome)
            .OrderByDescending(j => j.Status.CompletionTime ?? j.Metadata.CreationTimestamp)
            .ThenByDescending(j => j.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var old in finished.Skip(Math.Max(0, keep)))
        {
            _store.Delete<V1Job>(ns, old.Metadata.Name);
            jobs.Remove(old);
        }
    }

    private bool WriteCronJobStatus(V1CronJob cronJob, List<V1Job> active, Instant? lastScheduled)
    {
        var lastSuccess = _store.List<V1Job>(cronJob.Metadata.NamespaceProperty)
            .Where(j => PodFactory.ControllerOf(j)?.Uid == cronJob.Metadata.Uid && FinishedAs(j) == "Complete")
            .Select(j => j.Status.CompletionTime)
            .Max();
        var status = new V1CronJobStatus
        {
            LastScheduleTime = lastScheduled?.ToDateTimeUtc(),
            LastSuccessfulTime = lastSuccess ?? cronJob.Status?.LastSuccessfulTime,
            Active = active.Count == 0
                ? null
                : active.OrderBy(j => j.Metadata.Name, StringComparer.Ordinal)
                    .Select(j => new V1ObjectReference { ApiVersion = "batch/v1", Kind = "Job", Name = j.Metadata.Name, NamespaceProperty = j.Metadata.NamespaceProperty, Uid = j.Metadata.Uid })
                    .ToList(),
        };
        // A CronJob that never ran has no status, and an empty one is no news.
        if (Same(cronJob.Status ?? new V1CronJobStatus(), status))
        {
            return true;
        }

        cronJob.Status = status;
        return _store.ReplaceStatus(cronJob);
    }
}

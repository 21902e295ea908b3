using System.Diagnostics;
using k8s.Autorest;
using Microsoft.Extensions.Options;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Acting;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// Runs one sweep: the restore pass over the stopped set, then the stop pass over the running pods, page by page
/// (plan is pure, act does I/O). Level-based: each sweep is derived from what the API server says now, so a
/// fresh sweeper carries on from the annotations wherever the last one stopped.
/// </summary>
public sealed class SweepRunner(
    KubeApi api,
    ClusterView view,
    OwnerCache owners,
    PolicyResolver policy,
    ISweepActor actor,
    IClock clock,
    Metrics metrics,
    IOptions<SweeperOptions> options,
    ILogger<SweepRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly HashSet<(ObjectUid Uid, string ResourceVersion, string Message)> _warned = [];
    private readonly HashSet<(ObjectUid Uid, string ResourceVersion, string Message)> _warnedThisSweep = [];
    private readonly int _maxConflicts = options.Value.MaxConflictRetries;

    // The running stop pass's count of pods of stopped workloads (one sweep at a time), told of each stop it makes.
    private StoppedPodTally? _stoppedPods;

    /// <summary>
    /// One sweep. Cancellation is honoured between writes: a write in flight finishes (it carries its own
    /// precondition and timeout), so a stop never leaves half a record, however the sweep is interrupted.
    /// </summary>
    public async Task<SweepReport> SweepAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var report = new SweepReport(Guid.NewGuid().ToString("n")[..12], clock.GetCurrentInstant(), !actor.Writes);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SweepId"] = report.SweepId });
        var outcome = "failed";
        try
        {
            report.ViewListPages = await view.EnsureSyncedAsync(cancellationToken);
            await RestorePassAsync(report, cancellationToken);
            await StopPassAsync(report, cancellationToken);
            UpdateHeldDown();
            ForgetWarningsNotSeen();
            outcome = "ok";
            return report;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            report.Duration = Stopwatch.GetElapsedTime(started);
            metrics.SweepDuration.WithLabels(outcome).Observe(report.Duration.TotalSeconds);
            if (outcome == "ok")
            {
                Log.SweepFinished(logger, report.Stopped.Count, report.Restored.Count, report.RestoreSkipped.Count, report.Invalid.Count,
                    report.PodPages, report.RunningWorkloads, report.Duration.TotalMilliseconds);
            }

            _oneAtATime.Release();
        }
    }

    private async Task RestorePassAsync(SweepReport report, CancellationToken cancellationToken)
    {
        foreach (var stopped in view.StoppedWorkloads().ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await GuardAsync(stopped.Ref, report, () => RestoreAsync(stopped, report));
        }
    }

    private async Task StopPassAsync(SweepReport report, CancellationToken cancellationToken)
    {
        owners.BeginSweep(report.At);
        var handled = new HashSet<WorkloadRef>();
        var stoppedPods = _stoppedPods = new StoppedPodTally();
        string? continueToken = null;
        var restarted = false;
        do
        {
            MetadataPage page;
            try
            {
                page = await api.ListRunningPodsAsync(continueToken, cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Gone && continueToken is not null && !restarted)
            {
                // The continue token expired (etcd compacted past it): walk again from the start; what this sweep
                // already handled is skipped, so the restart costs pages, not writes.
                Log.ContinueExpired(logger);
                restarted = true;
                continueToken = null;
                continue;
            }

            report.PodPages++;

            // What the cache knows is stopped first; then each unknown or aged-out ReplicaSet is read and its workload
            // stopped at once. A daytime sweep over a steady cluster costs its pod pages plus the refresh of entries
            // older than Sweeper:OwnerCacheMaxAge, and never reads a workload.
            var groups = PodGroups.Of(page.Items, owners);
            await StopCandidatesAsync(groups.Known, handled, report, cancellationToken);
            foreach (var (replicaSet, pods) in groups.ToRead)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!StopsFromAgedCopy(replicaSet.Uid))
                {
                    await ReadReplicaSetAsync(replicaSet, report, cancellationToken);
                }

                await StopCandidatesAsync(pods, handled, report, cancellationToken);
            }

            continueToken = page.Continue;
        }
        while (!string.IsNullOrEmpty(continueToken));

        foreach (var raised in stoppedPods.Raised(view.StoppedSnapshot).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await GuardAsync(raised, report, () => StopAsync(raised, report, null, cancellationToken));
        }

        report.RunningWorkloads = handled.Count;
        report.Complete = true;
        owners.EvictUnseen();
    }

    private async Task StopCandidatesAsync(
        IReadOnlyList<k8s.Models.V1ObjectMeta> pods, HashSet<WorkloadRef> handled, SweepReport report, CancellationToken cancellationToken)
    {
        _stoppedPods!.Add(pods, owners, view.IsStopped);
        foreach (var candidate in CopyPlanner.Candidates(pods, owners, view.IsStopped, handled))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await GuardAsync(candidate.Workload, report, () => candidate.Copy is null
                ? StopAsync(candidate.Workload, report, null, cancellationToken)
                : StopFromCopyAsync(candidate, report, cancellationToken));
        }
    }

    // The age limit bounds how long a copy can keep a workload running on outdated grounds. A copy that decides a
    // stop needs no fresh read: the stop's patch tests every input the decision took from it, and a copy that moved on
    // fails the test and falls back to reading the Deployment. So the evening's stops cost their patch alone.
    private bool StopsFromAgedCopy(string replicaSetUid) =>
        owners.AgedCopy(replicaSetUid) is { } aged
        && CopyPlanner.Plan(aged, view.NamespaceAnnotations(aged.Deployment.Namespace), policy, Now()) is StopPlan.ScaleDown;

    private async Task ReadReplicaSetAsync(OwnerRef replicaSet, SweepReport report, CancellationToken cancellationToken)
    {
        var metadata = await api.ReadReplicaSetMetadataAsync(replicaSet, cancellationToken);
        report.OwnerLookups++;
        if (metadata is not null && ReplicaSetCopy.Read(metadata) is { } copy)
        {
            owners.Set(replicaSet.Uid, copy);
        }
        else
        {
            owners.Set(replicaSet.Uid, metadata is null ? null : OwnerWalk.DeploymentOf(metadata));
        }
    }

    // A Deployment decided from its ReplicaSet's copy: no read unless the copy cannot settle it, and a stop is one
    // patch that tests what the decision read. A failed test falls back to reading the Deployment.
    private async Task StopFromCopyAsync(StopCandidate candidate, SweepReport report, CancellationToken cancellationToken)
    {
        var workload = candidate.Workload;
        var plan = CopyPlanner.Plan(candidate.Copy!, view.NamespaceAnnotations(workload.Namespace), policy, Now());
        if (plan is StopPlan.ReadFirst)
        {
            await StopAsync(workload, report, candidate.ReplicaSetUid, cancellationToken);
        }
        else if (await CarryOutAsync(workload, plan, report) is PatchOutcome.Conflict conflict)
        {
            // The copy was behind the Deployment (count, annotation, rollout) or the Deployment has labels or owners
            // the copy cannot show: read it and decide again, the way a stop always did.
            report.Conflicts++;
            report.FastPathFallbacks++;
            Log.FastPathFailed(logger, workload.Namespace, workload.Name, conflict.Code);
            owners.Invalidate(candidate.ReplicaSetUid!);
            await StopAsync(workload, report, candidate.ReplicaSetUid, cancellationToken);
        }
    }

    private async Task StopAsync(WorkloadRef workload, SweepReport report, string? replicaSetUid, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt <= _maxConflicts; attempt++)
        {
            var snapshot = await api.ReadWorkloadAsync(workload, cancellationToken);
            report.WorkloadReads++;
            if (snapshot is null)
            {
                return;
            }

            if (replicaSetUid is not null)
            {
                // The Deployment as read replaces the copy until the entry ages out: later sweeps decide from it.
                owners.Set(replicaSetUid, ReplicaSetCopy.Of(snapshot));
            }

            var plan = StopPlanner.Plan(snapshot, view.NamespaceAnnotations(workload.Namespace), policy, Now());

            // Stopped already, by a write whose answer was lost or by the webhook: the restore pass must know it even
            // if the watch that should say so is behind.
            if (plan is StopPlan.Leave && actor.Writes && snapshot.Metadata.HasLabel(Core.WellKnown.Labels.Stopped))
            {
                view.Record(workload, snapshot);
            }

            if (await CarryOutAsync(workload, plan, report) is not PatchOutcome.Conflict)
            {
                return;
            }

            report.Conflicts++;
        }

        report.Failed.Add(workload);
        Log.GaveUp(logger, workload.Kind.ToString(), workload.Namespace, workload.Name, _maxConflicts + 1);
    }

    // One stop decision carried out, the same whether it came from a copy or from the Deployment read: the outcome
    // of its write, or null when it writes nothing (leave, operator-owned, invalid, read first).
    private async Task<PatchOutcome?> CarryOutAsync(WorkloadRef workload, StopPlan plan, SweepReport report)
    {
        switch (plan)
        {
            case StopPlan.OperatorOwned:
                SkipOperatorOwned(workload, report);
                return null;
            case StopPlan.Invalid invalid:
                await WarnOnceAsync(invalid.Workload, LeftAlone(invalid.Message), report);
                return null;
            case StopPlan.ScaleDown stop:
                report.Writes++;
                var outcome = await actor.StopAsync(stop, Now(), CancellationToken.None);
                if (outcome is PatchOutcome.Applied applied)
                {
                    Stopped(workload, applied, report);
                }

                return outcome;
            default:
                return null;
        }
    }

    private void Stopped(WorkloadRef workload, PatchOutcome.Applied applied, SweepReport report)
    {
        report.Stopped.Add(workload);
        _stoppedPods?.Stopping(workload);
        metrics.Stops.WithLabels(workload.Kind.ToString()).Inc();

        // The patch answers with the whole object: the view keeps what one replica of it requests, for the metrics.
        if (actor.Writes)
        {
            view.Record(workload, applied.Workload);
        }
    }

    private void SkipOperatorOwned(WorkloadRef workload, SweepReport report)
    {
        Log.OperatorOwned(logger, workload.Kind.ToString(), workload.Namespace, workload.Name);
        metrics.OperatorOwnedSkipped.WithLabels(workload.Kind.ToString()).Inc();
        report.OperatorOwnedSkipped.Add(workload);
    }

    private async Task RestoreAsync(WorkloadSnapshot stopped, SweepReport report)
    {
        var current = stopped;
        var workload = stopped.Ref;
        for (var attempt = 0; attempt <= _maxConflicts; attempt++)
        {
            PatchOutcome outcome;
            var now = Now();
            var plan = RestorePlanner.Plan(current, view.NamespaceAnnotations(workload.Namespace), policy, now);
            if (plan.Warning is { } warning)
            {
                await WarnOnceAsync(current, warning, report);
            }

            switch (plan)
            {
                case RestorePlan.Hold:
                    return;
                case RestorePlan.Invalid invalid:
                    await WarnOnceAsync(current, LeftAlone(invalid.Message), report);
                    return;
                case RestorePlan.Restore restore:
                    report.Writes++;
                    outcome = await actor.RestoreAsync(restore, now, CancellationToken.None);
                    if (outcome is PatchOutcome.Applied)
                    {
                        report.Restored.Add(workload);
                        metrics.Restores.WithLabels(workload.Kind.ToString(), "restored").Inc();
                    }

                    break;
                case RestorePlan.Forget forget:
                    report.Writes++;
                    outcome = await actor.ForgetAsync(forget, now, CancellationToken.None);
                    if (outcome is PatchOutcome.Applied)
                    {
                        report.RestoreSkipped.Add(workload);
                        metrics.Restores.WithLabels(workload.Kind.ToString(), "skipped").Inc();
                    }

                    break;
                default:
                    return;
            }

            switch (outcome)
            {
                case PatchOutcome.Applied applied:
                    if (actor.Writes)
                    {
                        view.Record(workload, applied.Workload);
                    }

                    return;
                case PatchOutcome.NotFound:
                    view.Record(workload, null);
                    return;
            }

            // A precondition failed: the list's view was stale or the count moved. Read the whole object (now
            // with spec.replicas) and decide again.
            report.Conflicts++;
            var fresh = await api.ReadWorkloadAsync(workload, CancellationToken.None);
            report.WorkloadReads++;
            if (fresh is null)
            {
                view.Record(workload, null);
                return;
            }

            current = fresh;
        }

        report.Failed.Add(workload);
        Log.GaveUp(logger, workload.Kind.ToString(), workload.Namespace, workload.Name, _maxConflicts + 1);
    }

    // A standing invalid annotation would otherwise raise the same Warning every 30 s; once per object version is enough.
    private async Task WarnOnceAsync(WorkloadSnapshot workload, string message, SweepReport report)
    {
        report.Invalid.Add(workload.Ref);
        var warning = (workload.Uid, workload.ResourceVersion, message);
        _warnedThisSweep.Add(warning);
        if (_warned.Add(warning))
        {
            metrics.ScheduleErrors.WithLabels(workload.Ref.Kind.ToString()).Inc();
            await actor.WarnAsync(workload, message, Now(), CancellationToken.None);
        }
    }

    private static string LeftAlone(string why) => $"Left alone: {why}";

    // A sweep slowed by retries and rate limits can run for minutes: each decision and each write takes the instant it
    // is made at, so a sweep that began before working hours never stops a workload after they started.
    private Instant Now() => clock.GetCurrentInstant();

    private async Task GuardAsync(WorkloadRef workload, SweepReport report, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or TimeoutException
                                      || (e is OperationCanceledException && e.InnerException is TimeoutException))
        {
            // One workload the API keeps failing on must not hold up the others; the next sweep tries again.
            report.Failed.Add(workload);
            Log.ActionFailed(logger, workload.Kind.ToString(), workload.Namespace, workload.Name, e);
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    // A standing invalid annotation is met again by every sweep, so a warning no complete sweep met is about a version
    // that is gone (fixed, or changed again): forgotten, or the set would grow with every invalid version ever seen.
    private void ForgetWarningsNotSeen()
    {
        _warned.IntersectWith(_warnedThisSweep);
        _warnedThisSweep.Clear();
    }

    // Sums over the view as it stands, without copying it: 25,000 workloads held down cost no allocation per sweep.
    private void UpdateHeldDown()
    {
        var count = 0;
        double replicas = 0, cpu = 0, memory = 0;
        foreach (var w in view.StoppedWorkloads())
        {
            count++;
            if (w.Metadata.ReadStoppedState() is { IsValid: true, Value: { } state })
            {
                replicas += state.OriginalReplicas;
                var saved = w.PerReplica.Times(state.OriginalReplicas);
                cpu += saved.CpuCores;
                memory += saved.MemoryBytes;
            }
        }

        metrics.WorkloadsHeldDown.Set(count);
        metrics.ReplicasHeldDown.Set(replicas);
        metrics.CpuSaved.Set(cpu);
        metrics.MemorySaved.Set(memory);
    }
}

using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Replicas;
using Tarnfui.Sweeper.Hosting;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Acting;

/// <summary>
/// Writes: one precondition-carrying JSON Patch per decision, then its Event. Each write asks the
/// <see cref="LeadershipFence"/> first; a closed fence ends the sweep with <see cref="LeadershipLostException"/>, even
/// between a patch that landed and its Event (the next leader reads the stopped state from the cluster, not from us).
/// Each patch answers with the whole object, which the view keeps at once (what one replica requests, for the metrics;
/// the stopped set, for the next restore pass) rather than wait for its watch.
/// </summary>
internal sealed class KubeActor(KubeApi api, ClusterView view, OwnerCache owners, EventRecorder events, LeadershipFence fence, ILogger<KubeActor> logger) : ISweepActor
{

    public Task<PatchOutcome> StopAsync(StopPlan.ScaleDown plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;
        var operations = ReplicaPatches.Stop(w.Metadata, plan.From, plan.To, now, plan.Preconditions ?? PatchPreconditions.OnResourceVersion(w.ResourceVersion));
        var next = plan.Decision.NextWorkingHours is { } at ? $"; restored at {Core.Policy.AnnotationValues.FormatInstant(at)}" : "";
        return WriteAsync(w, operations, () => Log.Stopped(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name, plan.From, plan.To),
            WellKnown.EventReasons.Stopped, WellKnown.Events.StopAction,
            $"Scaled from {plan.From} to {plan.To} replicas for off-hours ({plan.Decision.Schedule.Describe()}){next}", now, cancellationToken);
    }

    public Task<PatchOutcome> RestoreAsync(RestorePlan.Restore plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;

        // From the metadata-only list the count is unknown: test that it is still the one it was held at, so a
        // count someone changed overnight fails the patch and is re-read instead of overwritten.
        var preconditions = new PatchPreconditions(w.ResourceVersion, w.Replicas is null ? plan.HeldAt : null);
        return ReleasedAsync(WriteAsync(w, ReplicaPatches.Restore(w.Metadata, plan.Replicas, preconditions),
            () => Log.Restored(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name, plan.Replicas, plan.Why),
            WellKnown.EventReasons.Restored, WellKnown.Events.RestoreAction, $"Restored to {plan.Replicas} replicas ({plan.Why})", now, cancellationToken));
    }

    public Task<PatchOutcome> ForgetAsync(RestorePlan.Forget plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;
        return ReleasedAsync(WriteAsync(w, ReplicaPatches.Forget(w.Metadata, PatchPreconditions.OnResourceVersion(w.ResourceVersion)),
            () => Log.RestoreSkipped(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name, plan.Replicas, plan.HeldAt),
            WellKnown.EventReasons.RestoreSkipped, WellKnown.Events.RestoreAction,
            $"Replicas were changed to {plan.Replicas} while held at {plan.HeldAt}; kept them and removed the stopped state", now, cancellationToken));
    }

    public Task<PatchOutcome> SuspendAsync(StopPlan.Suspend plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;
        var suspended = w.Suspend ?? false;
        var operations = SuspendPatches.Stop(w.Metadata, suspended, now, SuspendPatches.StopPreconditions(w.Metadata, w.ResourceVersion, suspended));
        var next = plan.Decision.NextWorkingHours is { } at ? $"; resumed at {Core.Policy.AnnotationValues.FormatInstant(at)}" : "";
        return WriteAsync(w, operations, () => Log.Suspended(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name),
            WellKnown.EventReasons.Stopped, WellKnown.Events.StopAction,
            $"Suspended for off-hours ({plan.Decision.Schedule.Describe()}){next}", now, cancellationToken);
    }

    public Task<PatchOutcome> PutBackSuspendAsync(RestorePlan.PutBackSuspend plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;
        var operations = SuspendPatches.Restore(w.Metadata, plan.Suspend, SuspendPatches.RestorePreconditions(w.ResourceVersion, plan.Suspend));
        return WriteAsync(w, operations, () => Log.SuspendRestored(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name, plan.Suspend, plan.Why),
            WellKnown.EventReasons.Restored, WellKnown.Events.RestoreAction,
            $"Restored spec.suspend to {SuspendState.Format(plan.Suspend)} ({plan.Why})", now, cancellationToken);
    }

    public Task<PatchOutcome> KeepPersonsSuspendAsync(RestorePlan.KeepPersonsSuspend plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;

        // The version read is the one the person's change made: a change since fails the patch and is decided again.
        return WriteAsync(w, ReplicaPatches.Forget(w.Metadata, PatchPreconditions.OnResourceVersion(w.ResourceVersion)),
            () => Log.SuspendRestoreSkipped(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name),
            WellKnown.EventReasons.RestoreSkipped, WellKnown.Events.RestoreAction,
            "spec.suspend was set to false while held suspended; kept it and removed the stopped state", now, cancellationToken);
    }

    public void FoundStopped(WorkloadSnapshot workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        view.Record(workload.Ref, workload);
    }

    public async Task WarnAsync(WorkloadSnapshot workload, string message, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        Log.InvalidAnnotation(logger, workload.Ref.Kind.ToString(), workload.Ref.Namespace, workload.Ref.Name, message);
        await events.RecordAsync(workload, EventRecorder.Warning, WellKnown.EventReasons.InvalidSchedule, WellKnown.Events.StopAction,
            message, now, cancellationToken);
    }

    // A workload that runs again: the owner cache's entries of its ReplicaSets are brought up to date from the answer.
    private async Task<PatchOutcome> ReleasedAsync(Task<PatchOutcome> write)
    {
        var outcome = await write;
        if (outcome is PatchOutcome.Applied applied)
        {
            owners.Released(applied.Workload);
        }

        return outcome;
    }

    /// <summary>
    /// Every write's one path: the fence, the patch, and once it landed its log line, its Event and the view's copy.
    /// A patch that did not land (conflict, gone, refused) leaves no trace here; the pass decides again from a re-read.
    /// </summary>
    private async Task<PatchOutcome> WriteAsync(WorkloadSnapshot w, JsonArray operations, Action log, string reason, string action, string note, Instant now, CancellationToken cancellationToken)
    {
        fence.ThrowIfClosed(LeadershipFence.Patch);
        var outcome = await api.PatchAsync(w.Ref, operations, cancellationToken);
        if (outcome is PatchOutcome.Applied applied)
        {
            log();
            await events.RecordAsync(applied.Workload, EventRecorder.Normal, reason, action, note, now, cancellationToken);
            view.Record(w.Ref, applied.Workload);
        }

        return outcome;
    }
}

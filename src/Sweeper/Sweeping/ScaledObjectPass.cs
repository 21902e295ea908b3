using k8s.Models;
using Microsoft.Extensions.Options;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Keda;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Acting;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Hosting;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// Keeps each KEDA ScaledObject in step with the policy of the workload it scales (<see cref="ScaledObjectRules"/>):
/// paused with KEDA's own <c>paused-replicas</c> at the downtime count off-hours, so KEDA holds the target there itself
/// (its activation included); unpaused in working hours with the target set back to the count it had. The target is
/// never stopped directly: the stop pass leaves it to this pass.
/// </summary>
/// <remarks>
/// The morning's two writes go target first: its <c>/scale</c> is set back while the ScaledObject is still paused
/// (KEDA has stopped its scale loop and removed its HPA, so nothing moves it back), then one patch removes the pause
/// and the record. A crash in between leaves the record in place, so the next sweep finds the ScaledObject still paused
/// in working hours and does both again (the <c>/scale</c> write sets the same count: no harm). The other order would
/// remove the only record of the count before it was put back, and a crash there would leave the target at the
/// night's count for good.
/// </remarks>
internal sealed class ScaledObjectPass(
    KubeApi api,
    ClusterView view,
    KedaTargets targets,
    PolicyResolver policy,
    EventRecorder events,
    LeadershipFence fence,
    IClock clock,
    Metrics metrics,
    IOptions<SweeperOptions> options,
    ILogger<SweepRunner> logger)
{
    /// <summary>The value of the stop and restore counters' <c>kind</c> label for ScaledObject writes.</summary>
    public const string MetricKind = WellKnown.Keda.ScaledObjectKind;

    private readonly int _maxConflicts = options.Value.MaxConflictRetries;
    private readonly bool _dryRun = options.Value.DryRun;

    public async Task RunAsync(SweepReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var scaledObjects = view.ScaledObjects.Items.ToList();
        targets.KeepOnly(scaledObjects.Where(s => s.Target is not null).Select(s => s.Target!).ToHashSet());
        foreach (var scaledObject in scaledObjects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (scaledObject.Target is { } target)
            {
                await WorkloadGuard.RunAsync(target, report, logger, () => SettleAsync(scaledObject, target, report, cancellationToken));
            }
        }
    }

    private async Task SettleAsync(ScaledObjectSnapshot scaledObject, WorkloadRef target, SweepReport report, CancellationToken cancellationToken)
    {
        var current = scaledObject;
        var fresh = false;
        for (var attempt = 0; attempt <= _maxConflicts; attempt++)
        {
            var record = current.ReadRecord();
            if (!record.IsValid)
            {
                Log.ScaledObjectInvalid(logger, current.Namespace, current.Name, record.Error);
                return;
            }

            var now = clock.GetCurrentInstant();
            var decision = await DecideAsync(target, fresh, report, now, cancellationToken);
            if (decision is null)
            {
                return;
            }

            // Decided without the target's count first: a pause needs it, anything else does not.
            var wouldWrite = record.Value is null
                ? decision is { OffHours: true, Readable: true }
                : ScaledObjectRules.Decide(current.PausedReplicas, record, decision, null) is not ScaledObjectVerdict.Leave;
            if (!wouldWrite)
            {
                return;
            }

            if (!fresh)
            {
                // A write is never decided on a target read earlier: read it again and decide again.
                fresh = true;
                attempt--;
                continue;
            }

            int? targetReplicas = null;
            if (record.Value is null)
            {
                report.WorkloadReads++;
                targetReplicas = await api.ReadTargetReplicasAsync(target, cancellationToken);
            }

            var verdict = ScaledObjectRules.Decide(current.PausedReplicas, record, decision, targetReplicas);
            switch (await WriteAsync(current, target, verdict, report, now, cancellationToken))
            {
                case Written.Done:
                    return;
                case Written.Conflict:
                    report.Conflicts++;
                    if (await api.ReadScaledObjectAsync(current.Namespace, current.Name, CancellationToken.None) is not { } reread)
                    {
                        return;
                    }

                    current = reread;
                    break;
            }
        }

        Log.ScaledObjectGaveUp(logger, scaledObject.Namespace, scaledObject.Name, _maxConflicts + 1);
    }

    // What the target's and its namespace's annotations say, as for any workload; null when the target is gone. The
    // ScaledObject's own annotations are not policy: the workload is what people annotate.
    private async Task<ScaledObjectPolicy?> DecideAsync(WorkloadRef target, bool fresh, SweepReport report, Instant now, CancellationToken cancellationToken)
    {
        if (await targets.GetAsync(target, fresh, report, cancellationToken) is not { } metadata)
        {
            return null;
        }

        var annotations = metadata.Annotations is null ? null : new Dictionary<string, string>(metadata.Annotations, StringComparer.Ordinal);
        var operatorOwned = OwnerWalk.IsOperatorOwned(metadata);
        var decision = policy.Resolve(target, annotations, operatorOwned, view.NamespaceAnnotations(target.Namespace), now, cancellationToken);
        return ScaledObjectPolicy.Of(decision, () => policy.Resolve(target, null, operatorOwned, null, now, cancellationToken));
    }

    private async Task<Written> WriteAsync(ScaledObjectSnapshot scaledObject, WorkloadRef target, ScaledObjectVerdict verdict, SweepReport report, Instant now, CancellationToken cancellationToken)
    {
        var key = $"{scaledObject.Namespace}/{scaledObject.Name}";
        switch (verdict)
        {
            case ScaledObjectVerdict.Pause pause:
                Log.ScaledObjectPaused(logger, scaledObject.Namespace, scaledObject.Name, pause.Replicas, target.ToString(), pause.TargetReplicas, _dryRun);
                var paused = await PatchAsync(scaledObject, ScaledObjectPatches.Pause(scaledObject.Uid, scaledObject.Annotations, scaledObject.Labels, pause.Replicas, pause.TargetReplicas, now), report, cancellationToken);
                if (paused == Written.Done)
                {
                    report.ScaledObjectsPaused.Add(key);
                    metrics.Stops.WithLabels(MetricKind).Inc();
                    await EventAsync(scaledObject, EventRecorder.Normal, WellKnown.EventReasons.ScaledObjectPaused, WellKnown.Events.StopAction,
                        $"Off-hours: paused at {pause.Replicas} replicas with {WellKnown.Keda.PausedReplicas}; {target} had {pause.TargetReplicas}, which the morning puts back", now, cancellationToken);
                }

                return paused;
            case ScaledObjectVerdict.Unpause unpause:
                Log.ScaledObjectUnpaused(logger, scaledObject.Namespace, scaledObject.Name, target.ToString(), unpause.Record.TargetReplicas, _dryRun);
                if (!_dryRun)
                {
                    // The target first, while KEDA is still paused: see the remarks on the type.
                    fence.ThrowIfClosed(LeadershipFence.Patch);
                    report.Writes++;
                    await api.ScaleTargetAsync(target, unpause.Record.TargetReplicas, cancellationToken);
                }

                var unpaused = await PatchAsync(scaledObject, ScaledObjectPatches.Resume(scaledObject.Uid, scaledObject.Annotations, scaledObject.Labels, unpause.Record), report, cancellationToken);
                if (unpaused == Written.Done)
                {
                    report.ScaledObjectsUnpaused.Add(key);
                    metrics.Restores.WithLabels(MetricKind, "restored").Inc();
                    await EventAsync(scaledObject, EventRecorder.Normal, WellKnown.EventReasons.ScaledObjectResumed, WellKnown.Events.RestoreAction,
                        $"Working hours: unpaused, and {target} set back to {unpause.Record.TargetReplicas} replicas", now, cancellationToken);
                }

                return unpaused;
            case ScaledObjectVerdict.Forget forget:
                Log.ScaledObjectForgotten(logger, scaledObject.Namespace, scaledObject.Name, scaledObject.PausedReplicas ?? "(removed)", forget.Record.Paused, _dryRun);
                var forgotten = await PatchAsync(scaledObject, ScaledObjectPatches.Forget(scaledObject.Uid, scaledObject.Annotations, scaledObject.Labels), report, cancellationToken);
                if (forgotten == Written.Done)
                {
                    report.ScaledObjectsSkipped.Add(key);
                    metrics.Restores.WithLabels(MetricKind, "skipped").Inc();
                    await EventAsync(scaledObject, EventRecorder.Normal, WellKnown.EventReasons.RestoreSkipped, WellKnown.Events.RestoreAction,
                        $"{WellKnown.Keda.PausedReplicas} was changed to {scaledObject.PausedReplicas ?? "nothing"} while Tarnfui held it at {forget.Record.Paused}: kept, and only the record was removed", now, cancellationToken);
                }

                return forgotten;
            default:
                return Written.Done;
        }
    }

    private async Task<Written> PatchAsync(ScaledObjectSnapshot scaledObject, System.Text.Json.Nodes.JsonArray operations, SweepReport report, CancellationToken cancellationToken)
    {
        if (_dryRun)
        {
            return Written.Done;
        }

        fence.ThrowIfClosed(LeadershipFence.Patch);
        report.Writes++;
        var (conflict, written) = await api.PatchScaledObjectAsync(scaledObject, operations, cancellationToken);
        if (conflict)
        {
            return Written.Conflict;
        }

        view.ScaledObjects.Record(scaledObject.Namespace, scaledObject.Name, written);
        return Written.Done;
    }

    private Task EventAsync(ScaledObjectSnapshot scaledObject, string type, string reason, string action, string note, Instant now, CancellationToken cancellationToken) =>
        _dryRun ? Task.CompletedTask : events.RecordAsync(
            new V1ObjectReference
            {
                ApiVersion = $"{WellKnown.Keda.Group}/{WellKnown.Keda.Version}",
                Kind = WellKnown.Keda.ScaledObjectKind,
                Name = scaledObject.Name,
                NamespaceProperty = scaledObject.Namespace,
                Uid = scaledObject.Uid,
            },
            type, reason, action, note, now, cancellationToken);

    private enum Written
    {
        Done,
        Conflict,
    }
}

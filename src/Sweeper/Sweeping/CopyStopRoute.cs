using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// <c>Sweeper:FastStop=true</c>: a Deployment is decided from its ReplicaSet's copy of its annotations and count
/// (<see cref="CopyPlanner"/>), with no read unless the copy cannot settle it, and stopped with one JSON Patch that
/// tests every value the decision read. A failed test falls back to reading the Deployment. A daytime sweep over a
/// steady cluster then costs its pod pages plus the refresh of aged entries, and never reads a workload.
/// </summary>
internal sealed class CopyStopRoute(
    KubeApi api,
    ClusterView view,
    OwnerCache owners,
    PolicyResolver policy,
    WorkloadStopper stopper,
    IClock clock,
    ILogger<SweepRunner> logger) : IStopRoute
{
    public async Task LearnAsync(OwnerRef replicaSet, SweepReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        ArgumentNullException.ThrowIfNull(report);

        // The age limit bounds how long a copy can keep a workload running on outdated grounds. A copy that decides a
        // stop needs no fresh read: the stop's patch tests every input the decision took from it, and a copy that
        // moved on fails the test and falls back to reading the Deployment. So the evening's stops cost their patch alone.
        if (owners.AgedCopy(replicaSet.Uid) is { } aged && Plan(aged) is StopPlan.ScaleDown)
        {
            return;
        }

        var metadata = await api.ReadReplicaSetMetadataAsync(replicaSet, cancellationToken);
        report.OwnerLookups++;
        if (metadata is not null && ReplicaSetCopy.Read(metadata) is { } copy)
        {
            owners.Set(replicaSet.Uid, copy);
        }
        else
        {
            owners.Set(replicaSet.Uid, metadata is null ? null : OwnerWalk.WorkloadOfReplicaSet(metadata));
        }
    }

    public async Task StopAsync(StopCandidate candidate, SweepReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(report);
        // The ReplicaSet carries the pod template's labels, not the Deployment's, so its copy cannot say whether a
        // Policy selector matches the Deployment. A JSON Patch could test the labels a selector wants present, but
        // not those it wants absent (!key, notin, !=): with a selector set, the Deployment is read, as the read route does.
        if (candidate is not { Copy: { } copy, ReplicaSet.Uid: { } replicaSetUid } || policy.Global.Scope.HasSelectors)
        {
            await stopper.StopAsync(candidate.Workload, report, null, cancellationToken);
            return;
        }

        // The Deployment as read replaces the copy until the entry ages out: later sweeps decide from it.
        void ReadInFull(WorkloadSnapshot deployment) => owners.Set(replicaSetUid, ReplicaSetCopy.Of(deployment));

        var plan = Plan(copy);
        if (plan is StopPlan.ReadFirst)
        {
            await stopper.StopAsync(candidate.Workload, report, ReadInFull, cancellationToken);
        }
        else if (await stopper.CarryOutAsync(plan, report) is PatchOutcome.Conflict conflict)
        {
            // The copy was behind the Deployment (count, annotation, rollout) or the Deployment has labels or owners
            // the copy cannot show: read it and decide again, the way a stop always did.
            report.Conflicts++;
            report.FastPathFallbacks++;
            Log.FastPathFailed(logger, candidate.Workload.Namespace, candidate.Workload.Name, conflict.Code);
            owners.Invalidate(replicaSetUid);
            await stopper.StopAsync(candidate.Workload, report, ReadInFull, cancellationToken);
        }
    }

    private StopPlan Plan(ReplicaSetCopy copy) =>
        CopyPlanner.Plan(copy, view.NamespaceAnnotations(copy.Deployment.Namespace), policy, clock.GetCurrentInstant());
}

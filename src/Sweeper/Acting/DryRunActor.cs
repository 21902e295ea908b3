using NodaTime;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Acting;

/// <summary>
/// <c>--dry-run</c>: logs what the real actor would write and reports it as done; sends nothing. The view is left to
/// its watches and lists: the answers here are what a write would have made, not what the cluster holds, so the view
/// keeps showing the cluster as it is.
/// </summary>
internal sealed class DryRunActor(ILogger<DryRunActor> logger) : ISweepActor
{

    public Task<PatchOutcome> StopAsync(StopPlan.ScaleDown plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;
        Log.WouldStop(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name, plan.From, plan.To);
        return Task.FromResult<PatchOutcome>(new PatchOutcome.Applied(w with { Replicas = plan.To }));
    }

    public Task<PatchOutcome> RestoreAsync(RestorePlan.Restore plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;
        Log.WouldRestore(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name, plan.Replicas);
        return Task.FromResult<PatchOutcome>(new PatchOutcome.Applied(w with { Replicas = plan.Replicas }));
    }

    public Task<PatchOutcome> ForgetAsync(RestorePlan.Forget plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;
        Log.WouldForget(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name, plan.Replicas);
        return Task.FromResult<PatchOutcome>(new PatchOutcome.Applied(w));
    }

    public Task<PatchOutcome> SuspendAsync(StopPlan.Suspend plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;
        Log.WouldSuspend(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name);
        return Task.FromResult<PatchOutcome>(new PatchOutcome.Applied(w with { Suspend = true }));
    }

    public Task<PatchOutcome> PutBackSuspendAsync(RestorePlan.PutBackSuspend plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;
        Log.WouldRestoreSuspend(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name, plan.Suspend);
        return Task.FromResult<PatchOutcome>(new PatchOutcome.Applied(w with { Suspend = plan.Suspend }));
    }

    public Task<PatchOutcome> KeepPersonsSuspendAsync(RestorePlan.KeepPersonsSuspend plan, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = plan.Workload;
        Log.WouldForgetSuspend(logger, w.Ref.Kind.ToString(), w.Ref.Namespace, w.Ref.Name);
        return Task.FromResult<PatchOutcome>(new PatchOutcome.Applied(w));
    }

    // Nothing to keep: the view of a dry run is the cluster as its watches and lists show it.
    public void FoundStopped(WorkloadSnapshot workload) => ArgumentNullException.ThrowIfNull(workload);

    public Task WarnAsync(WorkloadSnapshot workload, string message, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        Log.InvalidAnnotation(logger, workload.Ref.Kind.ToString(), workload.Ref.Namespace, workload.Ref.Name, message);
        return Task.CompletedTask;
    }
}

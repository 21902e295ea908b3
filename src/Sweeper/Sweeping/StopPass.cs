using k8s.Autorest;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// The stop pass: the running pods, page by page, up their ownerReferences to the workloads behind them, each decided
/// once per sweep through the <see cref="IStopRoute"/>; then the stopped workloads found with more live pods than
/// their stop left (raised while stopped), read and stopped again.
/// </summary>
internal sealed class StopPass(
    KubeApi api, ReadScope scope, ClusterView view, OwnerCache owners, IStopRoute route, WorkloadStopper stopper, IOptions<SweeperOptions> options, ILogger<SweepRunner> logger)
{
    private readonly bool _suspendJobs = options.Value.SuspendJobs;

    public async Task RunAsync(SweepReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        // Every running workload the walk meets is handled: sized once for those the views say run, rather than doubled
        // step by step through the walk.
        var running = view.ReplicaSets.Count + view.Reads.Count;
        var handled = new HashSet<WorkloadRef>(running);
        var stoppedPods = new StoppedPodTally(running);
        string? continueToken = null;
        var handledAtRestart = -1;
        while (true)
        {
            RunningPod[] page;
            string? next;
            try
            {
                (page, next) = await NextPageAsync(continueToken, cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Gone && continueToken is not null && handled.Count > handledAtRestart)
            {
                // The continue token expired (etcd compacted past it, which a long stop sweep's own writes and the
                // controllers' answers to them can do on a large cluster): walk again from the start; what this sweep
                // already handled is skipped, so the restart costs pages, not writes. Again after each walk that
                // handled something new, so the sweep finishes; a walk that expired with nothing new fails the sweep.
                Log.ContinueExpired(logger);
                handledAtRestart = handled.Count;
                continueToken = null;
                continue;
            }

            report.PodPages++;

            // What the cache knows is decided first; then each unknown or aged-out ReplicaSet is learned and its
            // workload decided at once, so a sweeper restarted again and again still makes progress.
            var walked = page.Where(pod => scope.Walks(pod.Namespace) && (_suspendJobs || !JobPods.IsJobPod(pod)));
            var groups = PodGroups.Of(walked, owners);
            await StopCandidatesAsync(groups.Known, handled, stoppedPods, report, cancellationToken);
            foreach (var (replicaSet, pods) in groups.ToRead)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await route.LearnAsync(replicaSet, report, cancellationToken);
                await StopCandidatesAsync(pods, handled, stoppedPods, report, cancellationToken);
            }

            continueToken = next;
            if (string.IsNullOrEmpty(continueToken))
            {
                break;
            }
        }

        foreach (var raised in stoppedPods.Raised(view.StoppedSnapshot).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WorkloadGuard.RunAsync(raised, report, logger, () => stopper.StopAsync(raised, report, null, cancellationToken));
        }

        report.RunningWorkloads = handled.Count;
        report.Complete = true;

        // A held workload's ReplicaSets are kept: the morning's restore refreshes them from its answer (KubeActor), so
        // the pods it brings back cost no read of their ReplicaSet.
        owners.EvictUnseen(view.IsStopped);
        view.Reads.EndSweep();
    }

    // The next page, cut down to what the walk reads of each pod before its stops begin: the page's metadata is garbage
    // by the first collection instead of living through the page's stops (RunningPod).
    private async Task<(RunningPod[] Pods, string? Continue)> NextPageAsync(string? continueToken, CancellationToken cancellationToken)
    {
        var page = await scope.PageAsync(api.ListRunningPodsAsync, continueToken, cancellationToken);
        return (RunningPod.Page(page.Items), page.Continue);
    }

    private async Task StopCandidatesAsync(
        IReadOnlyList<RunningPod> pods, HashSet<WorkloadRef> handled, StoppedPodTally stoppedPods, SweepReport report, CancellationToken cancellationToken)
    {
        stoppedPods.Add(pods, owners, view.IsStopped);
        foreach (var candidate in CopyPlanner.Candidates(pods, owners, view.IsStopped, handled))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (view.ScaledObjects.TargetOf(candidate.Workload) is not null)
            {
                // KEDA scales it: the ScaledObject pass pauses its ScaledObject instead (stopping it would be a fight).
                continue;
            }

            var stopsBefore = report.Stopped.Count;
            await WorkloadGuard.RunAsync(candidate.Workload, report, logger, () => route.StopAsync(candidate, report, cancellationToken));

            // The pods of a workload stopped here, met on later pages, are the ones the stop takes away (the pages
            // come from a snapshot taken before it): not a raise.
            foreach (var stopped in report.Stopped.Skip(stopsBefore))
            {
                stoppedPods.Stopping(stopped);
            }

            // Held at zero from here on: the stopped set holds it, so neither the view of what runs nor the owner cache
            // needs the ReplicaSet's copy until the restore (a stop sweep would otherwise hold both until the pods are gone).
            if (report.Stopped.Count > stopsBefore && candidate.ReplicaSet is { } replicaSet && HeldAtZero(candidate.Workload))
            {
                view.ReplicaSets.Forget(replicaSet);
                owners.Held(replicaSet.Uid);
            }
        }
    }

    // Whether the stopped set holds the workload at zero replicas (its record holds no other count).
    private bool HeldAtZero(WorkloadRef workload) =>
        view.StoppedSnapshot(workload)?.Metadata.ReadStoppedState() is { Value.HeldReplicas: null or 0 };
}

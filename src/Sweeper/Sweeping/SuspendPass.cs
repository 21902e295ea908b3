using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// The stop pass of the kinds with no running pods to walk from (<see cref="WorkloadDiscovery.Watched"/>: CronJobs):
/// each CronJob of the view is planned as the stop pass plans a workload read in full (its snapshot carries
/// <c>spec.suspend</c>), so a sweep whose view is current costs no request but its writes. A failed precondition means
/// the view was behind: the CronJob is read and decided again (<see cref="WorkloadStopper"/>).
/// </summary>
internal sealed class SuspendPass(ClusterView view, PolicyResolver policy, WorkloadStopper stopper, IClock clock, ILogger<SweepRunner> logger)
{
    public async Task RunAsync(SweepReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);

        // A copy: the stops record their answers into the view while it is walked.
        foreach (var cronJob in view.CronJobs.Items.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var plan = StopPlanner.Plan(cronJob, view.NamespaceAnnotations(cronJob.Ref.Namespace), policy, clock.GetCurrentInstant(), view.NamespaceLabels(cronJob.Ref.Namespace));
            if (plan is StopPlan.Leave)
            {
                continue;
            }

            await WorkloadGuard.RunAsync(cronJob.Ref, report, logger, async () =>
            {
                if (await stopper.CarryOutAsync(plan, report) is PatchOutcome.Conflict)
                {
                    report.Conflicts++;
                    await stopper.StopAsync(cronJob.Ref, report, null, cancellationToken);
                }
            });
        }
    }
}

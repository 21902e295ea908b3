using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Sweeping;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// Turns a sweep's report into what each target is told: per kind of outcome, the workloads of the namespaces the
/// target receives (<see cref="NotificationRouting"/>), with the replicas and CPU a stop saved, read from the view the
/// sweep has just updated. Kinds with nothing to say are left out; a sweep that did nothing tells no one anything.
/// </summary>
internal sealed class SweepDigest(ClusterView view, NotificationRouting routing)
{
    public IReadOnlyList<SweepEvent> For(NotificationTarget target, SweepReport report)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(report);
        var events = new List<SweepEvent>();
        Add(events, SweepEventKind.Stopped, Routed(target, report.Stopped), saved: true);
        Add(events, SweepEventKind.Restored, Routed(target, report.Restored), saved: false);
        Add(events, SweepEventKind.RestoreSkipped, Routed(target, report.RestoreSkipped), saved: false);
        Add(events, SweepEventKind.InvalidSchedule, Routed(target, report.Invalid), saved: false);
        // A workload the sweep gave up on is a failed restore when it still carries its stop record; a failed stop
        // leaves it running, which needs no one's attention tonight (the next sweep tries again).
        Add(events, SweepEventKind.RestoreFailed, Routed(target, report.Failed.Where(view.IsStopped)), saved: false);
        return events;
    }

    private List<WorkloadRef> Routed(NotificationTarget target, IEnumerable<WorkloadRef> workloads) =>
        [.. workloads.Where(w => routing.Receives(target, w.Namespace))];

    private void Add(List<SweepEvent> events, SweepEventKind kind, List<WorkloadRef> workloads, bool saved)
    {
        if (workloads.Count == 0)
        {
            return;
        }

        int replicas = 0;
        double cpu = 0;
        if (saved)
        {
            foreach (var w in workloads)
            {
                if (view.StoppedSnapshot(w) is { } snapshot && snapshot.Metadata.ReadStoppedState() is { IsValid: true, Value: { } state })
                {
                    replicas += state.OriginalReplicas;
                    cpu += snapshot.PerReplica.Times(state.OriginalReplicas).CpuCores;
                }
            }
        }

        events.Add(new SweepEvent(kind, workloads, replicas, cpu));
    }
}

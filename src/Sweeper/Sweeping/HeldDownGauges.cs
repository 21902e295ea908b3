using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// The gauges of what the stopped set holds down, by namespace and kind: workloads, replicas (a CronJob counts as a
/// workload with no replicas), the CPU and memory its pods would request (a suspended CronJob frees none: it has no pod
/// between runs), and the workloads overdue, still held though their schedule says working hours. A series exists only
/// for a namespace and kind with something held down, and is removed once it holds nothing: the series are bounded by
/// the workloads held, not by the namespaces of the cluster.
/// </summary>
internal sealed class HeldDownGauges(ClusterView view, PolicyResolver policy, IClock clock, Metrics metrics)
{
    private Dictionary<(string Namespace, WorkloadKind Kind), Totals> _current = [];
    private Dictionary<(string Namespace, WorkloadKind Kind), Totals> _previous = [];

    /// <summary>Sums over the view as it stands; called after the restore pass, so an overdue workload is one it did not bring back.</summary>
    public void Update()
    {
        (_previous, _current) = (_current, _previous);
        _current.Clear();
        var now = clock.GetCurrentInstant();
        foreach (var w in view.StoppedWorkloads())
        {
            var key = (w.Ref.Namespace, w.Ref.Kind);
            var totals = _current.GetValueOrDefault(key);
            totals.Workloads++;
            if (w.Ref.Kind.Stop == StopMethod.Replicas && w.Metadata.ReadStoppedState() is { IsValid: true, Value: { } state })
            {
                totals.Replicas += state.OriginalReplicas;
                var saved = w.PerReplica.Times(state.OriginalReplicas);
                totals.Cpu += saved.CpuCores;
                totals.Memory += saved.MemoryBytes;
            }

            if (IsOverdue(w, now))
            {
                totals.Overdue++;
            }

            _current[key] = totals;
        }

        foreach (var ((ns, kind), totals) in _current)
        {
            var labels = new[] { ns, kind.ToString() };
            metrics.WorkloadsHeldDown.WithLabels(labels).Set(totals.Workloads);
            metrics.ReplicasHeldDown.WithLabels(labels).Set(totals.Replicas);
            metrics.CpuSaved.WithLabels(labels).Set(totals.Cpu);
            metrics.MemorySaved.WithLabels(labels).Set(totals.Memory);
            metrics.WorkloadsOverdue.WithLabels(labels).Set(totals.Overdue);
        }

        foreach (var (ns, kind) in _previous.Keys)
        {
            if (!_current.ContainsKey((ns, kind)))
            {
                var labels = new[] { ns, kind.ToString() };
                metrics.WorkloadsHeldDown.RemoveLabelled(labels);
                metrics.ReplicasHeldDown.RemoveLabelled(labels);
                metrics.CpuSaved.RemoveLabelled(labels);
                metrics.MemorySaved.RemoveLabelled(labels);
                metrics.WorkloadsOverdue.RemoveLabelled(labels);
            }
        }
    }

    // The restore pass would write to it now (restore it, or forget a record whose count a person changed): its
    // schedule wants it running. One it holds, or cannot read, is not overdue.
    private bool IsOverdue(WorkloadSnapshot workload, Instant now) =>
        RestorePlanner.Plan(workload, view.NamespaceAnnotations(workload.Ref.Namespace), policy, now, view.NamespaceLabels(workload.Ref.Namespace)) is not (RestorePlan.Hold or RestorePlan.Invalid);

    private struct Totals
    {
        public int Workloads;
        public double Replicas;
        public double Cpu;
        public double Memory;
        public int Overdue;
    }
}

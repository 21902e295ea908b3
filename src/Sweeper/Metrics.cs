using Prometheus;

namespace Tarnfui.Sweeper;

/// <summary>
/// Every metric the sweeper exports, in one registry per application instance, so that two sweepers hosted in one
/// process (tests, the sandbox) do not count into each other.
/// </summary>
internal sealed class Metrics
{
    public Metrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Stops = factory.CreateCounter("tarnfui_sweeper_stops_total", "Workloads the sweeper scaled down for off-hours.", "kind");
        Restores = factory.CreateCounter("tarnfui_sweeper_restores_total", "Workloads the sweeper restored; outcome restored or skipped (count changed while stopped).", "kind", "outcome");
        // The held-down gauges carry a series only for a namespace and kind with something held down (HeldDownGauges).
        WorkloadsHeldDown = factory.CreateGauge("tarnfui_sweeper_workloads_held_down", "Workloads carrying Tarnfui's stopped state, by namespace and kind.", "namespace", "kind");
        ReplicasHeldDown = factory.CreateGauge("tarnfui_sweeper_replicas_held_down", "Replicas to restore, summed over the workloads held down, by namespace and kind (0 for CronJobs: they have no replicas).", "namespace", "kind");
        WorkloadsOverdue = factory.CreateGauge("tarnfui_sweeper_workloads_overdue", "Workloads still held down after the restore pass though their schedule says working hours, by namespace and kind.", "namespace", "kind");
        SweepDuration = factory.CreateHistogram("tarnfui_sweep_duration_seconds", "Duration of one sweep.", new HistogramConfiguration
        {
            LabelNames = ["outcome"],
            Buckets = Histogram.ExponentialBuckets(0.005, 2, 14),
        });
        KubeApiRequests = factory.CreateCounter("tarnfui_kube_api_requests_total", "Requests to the Kubernetes API, every attempt counted.", "verb", "resource", "code");
        ScheduleErrors = factory.CreateCounter("tarnfui_sweeper_schedule_errors_total", "Workloads left alone because an annotation could not be read.", "key_kind");
        Leader = factory.CreateGauge("tarnfui_sweeper_leader", "1 while this instance holds the sweeper Lease, else 0.");
        OperatorOwnedSkipped = factory.CreateCounter("tarnfui_sweeper_operator_owned_skipped_total", "Off-hours workloads skipped because an operator owns them.", "kind");
        CpuSaved = factory.CreateGauge("tarnfui_sweeper_cpu_requests_saved_cores", "Estimated CPU requests freed by the workloads held down, from their pod templates, by namespace and kind.", "namespace", "kind");
        MemorySaved = factory.CreateGauge("tarnfui_sweeper_memory_requests_saved_bytes", "Estimated memory requests freed by the workloads held down, from their pod templates, by namespace and kind.", "namespace", "kind");
        FencedWrites = factory.CreateCounter("tarnfui_sweeper_fenced_writes_total", "Writes held back because the sweeper Lease was not renewed within Sweeper:RenewDeadline; write is patch, event or retry.", "write");
        Notifications = factory.CreateCounter("tarnfui_notifications_total", "Notification messages by configured target and result: delivered, rejected (final 4xx or TLS), exhausted (retries) or dropped (queue full).", "target", "result");
    }

    public CollectorRegistry Registry { get; }

    public Counter Stops { get; }

    public Counter Restores { get; }

    public Gauge WorkloadsHeldDown { get; }

    public Gauge ReplicasHeldDown { get; }

    public Gauge WorkloadsOverdue { get; }

    public Histogram SweepDuration { get; }

    public Counter KubeApiRequests { get; }

    public Counter ScheduleErrors { get; }

    public Gauge Leader { get; }

    public Counter OperatorOwnedSkipped { get; }

    public Gauge CpuSaved { get; }

    public Gauge MemorySaved { get; }

    public Counter FencedWrites { get; }

    public Counter Notifications { get; }
}

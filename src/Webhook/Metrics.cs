using Prometheus;

namespace Tarnfui.Webhook;

/// <summary>Every metric the webhook exports (prometheus-net, default registry).</summary>
internal static class Metrics
{
    /// <summary>
    /// Exports Tarnfui's metrics and the process ones (CPU, memory, open handles), not prometheus-net's adapters of
    /// every .NET meter and event counter: started by the first scrape, those listen to Kestrel's and the hosting
    /// layer's per-request instruments and cost more CPU per admission than the admission itself (docs/benchmarks.md).
    /// Call before the first scrape; later calls change nothing.
    /// </summary>
    public static void ExportOwnAndProcessMetricsOnly() =>
        Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
        {
            SuppressProcessMetrics = false,
            SuppressDebugMetrics = true,
            SuppressEventCounters = true,
            SuppressMeters = true,
        });

    public static readonly Counter Admissions = Prometheus.Metrics.CreateCounter(
        "tarnfui_webhook_admissions_total",
        "Admission requests decided, by operation (CREATE, UPDATE, DELETE, CONNECT, other), resource (deployments, deployments/scale, statefulsets, statefulsets/scale, other) and decision (allowed, warned, patched, denied, error). Dry-run requests are not counted here.",
        "operation", "resource", "decision");

    public static readonly Counter DryRunAdmissions = Prometheus.Metrics.CreateCounter(
        "tarnfui_webhook_dry_run_admissions_total",
        "Dry-run admission requests, decided like the others but kept apart so that they never count as stops.",
        "operation", "resource", "decision");

    public static readonly Histogram AdmissionDuration = Prometheus.Metrics.CreateHistogram(
        "tarnfui_webhook_admission_duration_seconds",
        "Time from decoded request to decision, including the parent read of /scale requests.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.00005, 2, 16) });

    public static readonly Gauge CertificateExpiry = Prometheus.Metrics.CreateGauge(
        "tarnfui_webhook_certificate_expiry_timestamp_seconds",
        "Unix time at which the serving certificate expires.");

    public static readonly Gauge NamespaceCacheSynced = Prometheus.Metrics.CreateGauge(
        "tarnfui_webhook_namespace_cache_synced",
        "1 while the namespace cache follows the API server, 0 before the first list and while the watch is failing.");

    public static readonly Counter Errors = Prometheus.Metrics.CreateCounter(
        "tarnfui_webhook_errors_total",
        "Failures the webhook absorbed (the request was allowed or the cache kept its last state), and requests refused before a decision (body too large, too many bodies at once, client certificate missing or untrusted), which the API server handles per failurePolicy, by reason.",
        "reason");

    public static class Reasons
    {
        public const string Handler = "handler";
        public const string ParentRead = "parent_read";
        public const string NamespaceWatch = "namespace_watch";
        public const string Certificate = "certificate";
        public const string BodyTooLarge = "body_too_large";
        public const string Busy = "busy";
        public const string ClientCa = "client_ca";
        public const string ClientCertificate = "client_certificate";
    }
}

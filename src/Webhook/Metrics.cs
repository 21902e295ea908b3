using Prometheus;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook;

/// <summary>
/// Every metric the webhook exports, in one registry per application instance, so that two webhooks hosted in one
/// process (tests, the sandbox) do not count into each other.
/// </summary>
internal sealed class Metrics
{
    /// <summary>The upper bounds of <see cref="AdmissionDuration"/>'s buckets, in seconds.</summary>
    public static readonly double[] DurationBuckets = Histogram.ExponentialBuckets(0.00005, 2, 16);

    private readonly AdmissionTally _tally;

    /// <summary>
    /// Tarnfui's metrics and the process ones (CPU, memory, open handles); not prometheus-net's adapters of every
    /// .NET meter and event counter, which only the default registry starts, at its first scrape: those listen to
    /// Kestrel's and the hosting layer's per-request instruments and cost more CPU per admission than the admission
    /// itself (docs/benchmarks.md, "What Prometheus scraping cost").
    /// </summary>
    public Metrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Admissions = factory.CreateCounter(
            "tarnfui_webhook_admissions_total",
            $"Admission requests decided, by operation ({Values(AdmissionLabels.Operations)}), resource ({Values(AdmissionLabels.Resources)}) and decision ({Values(AdmissionLabels.Decisions)}). Dry-run requests are not counted here.",
            "operation", "resource", "decision");
        DryRunAdmissions = factory.CreateCounter(
            "tarnfui_webhook_dry_run_admissions_total",
            "Dry-run admission requests, decided like the others but kept apart so that they never count as stops.",
            "operation", "resource", "decision");
        AdmissionDuration = factory.CreateHistogram(
            "tarnfui_webhook_admission_duration_seconds",
            "Time from decoded request to decision, including the parent read of /scale requests.",
            new HistogramConfiguration { Buckets = DurationBuckets });
        CertificateExpiry = factory.CreateGauge(
            "tarnfui_webhook_certificate_expiry_timestamp_seconds",
            "Unix time at which the serving certificate expires.");
        NamespaceCacheSynced = factory.CreateGauge(
            "tarnfui_webhook_namespace_cache_synced",
            "1 while the namespace cache follows the API server, 0 before the first list and while the watch is failing.");
        Errors = factory.CreateCounter(
            "tarnfui_webhook_errors_total",
            "Failures the webhook absorbed (the request was allowed or the cache kept its last state), and requests refused before a decision (body too large, too many bodies at once, client certificate missing or untrusted), which the API server handles per failurePolicy, by reason.",
            "reason");
        DotNetStats.Register(Registry);
        _tally = new AdmissionTally(
            Admissions,
            DryRunAdmissions,
            AdmissionDuration,
            DurationBuckets,
            AdmissionLabels.MaxSeries);
        Registry.AddBeforeCollectCallback(_tally.Collect);
    }

    public CollectorRegistry Registry { get; }

    public Counter Admissions { get; }

    public Counter DryRunAdmissions { get; }

    /// <summary>
    /// Counts a decided admission in <see cref="Admissions"/> (or <see cref="DryRunAdmissions"/>) and its time in
    /// <see cref="AdmissionDuration"/>, as of the next collection (<see cref="AdmissionTally"/>). The label values come
    /// from <see cref="AdmissionLabels"/>' fixed sets, so the series are bounded as the registry's are.
    /// </summary>
    public void RecordAdmission(bool dryRun, string operation, string resource, string decision, TimeSpan elapsed) =>
        _tally.Record(dryRun, operation, resource, decision, elapsed);

    /// <summary>Adds the admissions recorded since the last collection to the registry, as a scrape does first.</summary>
    public void Collect() => _tally.Collect();

    public Histogram AdmissionDuration { get; }

    public Gauge CertificateExpiry { get; }

    public Gauge NamespaceCacheSynced { get; }

    public Counter Errors { get; }

    // The help text lists the label values the code can produce, so that a kind added to Core shows up in it.
    private static string Values(IReadOnlyList<string> values) => string.Join(", ", values);

    /// <summary>The values of the <c>reason</c> label of <see cref="Errors"/>.</summary>
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

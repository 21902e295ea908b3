using System.Diagnostics;
using NodaTime;
using Tarnfui.Webhook.Namespaces;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// Gathers a decision's inputs (namespace annotations from the cache, the parent workload of a <c>/scale</c>
/// request), reads the clock once, decides, records and encodes. Never throws: a failure allows the request.
/// </summary>
internal sealed class AdmissionHandler(
    AdmissionSettings settings,
    NamespaceCache namespaces,
    IParentWorkloadReader parents,
    IClock clock,
    Metrics metrics,
    ILogger<AdmissionHandler> logger)
{
    public async ValueTask<AdmissionReview> HandleAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uid = request.Uid ?? string.Empty;
        var started = Stopwatch.GetTimestamp();
        using var scope = logger.BeginScope(new AdmissionScope(uid));
        AdmissionDecision decision;
        string label;
        AdmissionTarget? target = null;
        try
        {
            target = AdmissionTarget.Of(request);
            var parent = AdmissionDecider.NeedsParent(request, target, settings)
                ? await parents.ReadAsync(target!.Workload, cancellationToken)
                : null;
            var namespaceAnnotations = request.Namespace is { } ns ? namespaces.Get(ns) : null;
            decision = AdmissionDecider.Decide(request, target, settings, namespaceAnnotations, parent, clock.GetCurrentInstant());
            label = decision.Label;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Never block the cluster by accident: an unexpected failure lets the request through, loudly.
            metrics.Errors.WithLabels(Metrics.Reasons.Handler).Inc();
            Log.HandlerFailed(logger, e, uid);
            decision = AdmissionDecision.Allow;
            label = AdmissionLabels.Error;
        }

        Record(request, target, decision, label, Stopwatch.GetElapsedTime(started));
        return AdmissionResponses.Encode(uid, decision);
    }

    // Dry-run requests are decided the same way but counted apart and logged at debug: nothing was stopped.
    // The metrics take fixed label values only (AdmissionLabels); the log lines keep what the request said.
    private void Record(AdmissionRequest request, AdmissionTarget? target, AdmissionDecision decision, string label, TimeSpan elapsed)
    {
        var resource = string.IsNullOrEmpty(request.SubResource)
            ? request.Resource?.Resource ?? string.Empty
            : $"{request.Resource?.Resource}/{request.SubResource}";
        var operation = request.Operation ?? string.Empty;
        var dryRun = request.DryRun == true;
        metrics.RecordAdmission(dryRun, AdmissionLabels.Operation(request.Operation), AdmissionLabels.Resource(request.Resource, request.SubResource), label, elapsed);

        var user = request.UserInfo?.Username;
        switch (decision)
        {
            case AdmissionDecision.Patched { Warnings.Count: > 0 } patched when !dryRun && target is not null:
                Log.Patched(logger, operation, target.Workload, user, patched.Warnings[0]);
                break;
            case AdmissionDecision.Denied denied when !dryRun:
                Log.Refused(logger, operation, resource, request.Namespace, request.Name, user, denied.Message);
                break;
            default:
                Log.Decided(logger, operation, resource, request.Namespace, request.Name, user, dryRun ? label + " (dry run)" : label);
                break;
        }
    }

    /// <summary>The log scope of one admission: every line carries <c>AdmissionUid</c>.</summary>
    private sealed class AdmissionScope(string uid) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 1;

        public KeyValuePair<string, object> this[int index] =>
            index == 0 ? new("AdmissionUid", uid) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"AdmissionUid:{uid}";
    }
}

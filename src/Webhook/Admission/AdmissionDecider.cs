using System.Collections.ObjectModel;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Scope;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The webhook's decision as a pure function of the request, the configuration, the namespace's annotations,
/// the parent workload (for <c>/scale</c>) and the instant. No I/O: the endpoint gathers the inputs.
/// </summary>
internal static class AdmissionDecider
{
    /// <summary>Whether deciding <paramref name="request"/> needs the parent workload read (a <c>/scale</c> UPDATE that raises replicas).</summary>
    public static bool NeedsParent(AdmissionRequest request, AdmissionSettings settings) =>
        NeedsParent(request, AdmissionTarget.Of(request), settings);

    /// <inheritdoc cref="NeedsParent(AdmissionRequest, AdmissionSettings)"/>
    /// <param name="request">The decoded request.</param>
    /// <param name="target">Its target, as <see cref="AdmissionTarget.Of"/> reads it: the handler reads it once per admission.</param>
    /// <param name="settings">Mode, sweeper identity and the policy resolver.</param>
    public static bool NeedsParent(AdmissionRequest request, AdmissionTarget? target, AdmissionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        return !IsSweeper(request, settings)
            && request.Operation == AdmissionTarget.Update
            && target is { Scale: true }
            && request.NewObject?.Spec?.Replicas is { } requested
            && (request.OldObject?.Spec?.Replicas is not { } previous || requested > previous);
    }

    /// <param name="request">The decoded request.</param>
    /// <param name="settings">Mode, sweeper identity and the policy resolver.</param>
    /// <param name="namespaceAnnotations">The namespace's annotations from the cache (null when none or unknown).</param>
    /// <param name="parent">The workload behind a <c>/scale</c> request; null when it could not be read.</param>
    /// <param name="now">The instant, read once for this admission.</param>
    public static AdmissionDecision Decide(
        AdmissionRequest request,
        AdmissionSettings settings,
        IReadOnlyDictionary<string, string>? namespaceAnnotations,
        ParentWorkload? parent,
        Instant now) =>
        Decide(request, AdmissionTarget.Of(request), settings, namespaceAnnotations, parent, now);

    /// <inheritdoc cref="Decide(AdmissionRequest, AdmissionSettings, IReadOnlyDictionary{string, string}?, ParentWorkload?, Instant)"/>
    /// <param name="request">The decoded request.</param>
    /// <param name="target">Its target, as <see cref="AdmissionTarget.Of"/> reads it: the handler reads it once per admission.</param>
    /// <param name="settings">Mode, sweeper identity and the policy resolver.</param>
    /// <param name="namespaceAnnotations">The namespace's annotations from the cache (null when none or unknown).</param>
    /// <param name="parent">The workload behind a <c>/scale</c> request; null when it could not be read.</param>
    /// <param name="now">The instant, read once for this admission.</param>
    public static AdmissionDecision Decide(
        AdmissionRequest request,
        AdmissionTarget? target,
        AdmissionSettings settings,
        IReadOnlyDictionary<string, string>? namespaceAnnotations,
        ParentWorkload? parent,
        Instant now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);

        // The sweeper's own stops and restores: clock skew between it and the webhook must never undo a restore.
        if (IsSweeper(request, settings) || target is null)
        {
            return AdmissionDecision.Allow;
        }

        return (target.Scale, request.Operation) switch
        {
            (false, AdmissionTarget.Create or AdmissionTarget.Update) when target.Workload.Kind == WorkloadKind.Job =>
                JobAdmission.Decide(request, target, settings, namespaceAnnotations, now),
            (false, AdmissionTarget.Create or AdmissionTarget.Update) when target.Workload.Kind.Stop == StopMethod.Suspend =>
                SuspendAdmission.Decide(request, target, settings, namespaceAnnotations, now),
            (false, AdmissionTarget.Create or AdmissionTarget.Update) => DecideWorkload(request, target, settings, namespaceAnnotations, now),
            (true, AdmissionTarget.Update) => DecideScale(request, target, settings, namespaceAnnotations, parent, now),
            _ => AdmissionDecision.Allow,
        };
    }

    private static AdmissionDecision DecideWorkload(
        AdmissionRequest request, AdmissionTarget target, AdmissionSettings settings, IReadOnlyDictionary<string, string>? namespaceAnnotations, Instant now)
    {
        if (request.NewObject?.Metadata is not { } metadata || request.NewObject.Spec is null)
        {
            return AdmissionDecision.Allow;
        }

        var workload = target.Workload;
        var original = 0;
        var kept = request.Operation == AdmissionTarget.Update
            ? StopPatch.KeepState(request.OldObject, request.NewObject, out original)
            : [];
        var keptWarnings = kept.Count > 0 ? [AdmissionMessages.KeptState(workload, original)] : Array.Empty<string>();

        // The object's own labels are in the request; the namespace cache keeps no labels, so the selectors are
        // tested against the workload's alone here (the sweeper tests both).
        var labels = new SelectorLabels(AsReadOnly(metadata.Labels), null);
        var policy = settings.Resolver.Resolve(workload, metadata.Annotations, AdmissionTarget.IsOperatorOwned(metadata), namespaceAnnotations, labels, now);
        if (policy is PolicyDecision.Invalid invalid)
        {
            return Keep(kept, [.. keptWarnings, AdmissionMessages.Invalid(workload, invalid, StopPatch.IsStopped(metadata))]);
        }

        // The API server defaults an absent spec.replicas to 1 after mutating admission, so absent means 1.
        var requested = request.NewObject.Spec.Replicas ?? 1;
        int? previous = request.Operation == AdmissionTarget.Update ? request.OldObject?.Spec?.Replicas ?? 1 : null;
        if (policy is not PolicyDecision.OffHours offHours || !Raises(requested, previous, offHours.DowntimeReplicas))
        {
            return Keep(kept, keptWarnings);
        }

        var zone = settings.Resolver.Global.TimeZone;
        return settings.Mode switch
        {
            WebhookMode.Deny => new AdmissionDecision.Denied(AdmissionMessages.Stopped(workload, offHours, zone)),
            WebhookMode.Warn => new AdmissionDecision.Allowed([AdmissionMessages.Warned(workload, offHours, zone)]),
            _ => new AdmissionDecision.Patched(
                StopPatch.Stop(metadata, requested, offHours.DowntimeReplicas, now),
                [AdmissionMessages.Held(workload, offHours, requested, zone)]),
        };
    }

    // kubectl scale and the HPA write /scale, whose body has no annotations: the policy comes from the parent.
    // A Scale cannot carry the stop record either, so "zero" refuses it like "deny" does.
    private static AdmissionDecision DecideScale(
        AdmissionRequest request, AdmissionTarget target, AdmissionSettings settings, IReadOnlyDictionary<string, string>? namespaceAnnotations, ParentWorkload? parent, Instant now)
    {
        if (request.NewObject?.Spec?.Replicas is not { } requested || parent is null)
        {
            return AdmissionDecision.Allow;
        }

        var workload = target.Workload;
        var policy = settings.Resolver.Resolve(workload, parent.Annotations, parent.OperatorOwned, namespaceAnnotations, new SelectorLabels(parent.Labels ?? new Dictionary<string, string>(), null), now);
        if (policy is PolicyDecision.Invalid invalid)
        {
            return new AdmissionDecision.Allowed([AdmissionMessages.Invalid(workload, invalid, parent.Stopped)]);
        }

        var previous = request.OldObject?.Spec?.Replicas ?? parent.Replicas ?? 1;
        if (policy is not PolicyDecision.OffHours offHours || !Raises(requested, previous, offHours.DowntimeReplicas))
        {
            return AdmissionDecision.Allow;
        }

        var zone = settings.Resolver.Global.TimeZone;
        return settings.Mode == WebhookMode.Warn
            ? new AdmissionDecision.Allowed([AdmissionMessages.Warned(workload, offHours, zone)])
            : new AdmissionDecision.Denied(AdmissionMessages.Stopped(workload, offHours, zone));
    }

    // A scale-up that ends above the downtime count. Lowering, or staying, is always allowed: a person scaling
    // down is never overruled, and a workload left above its downtime count is the sweeper's to stop.
    private static bool Raises(int requested, int? previous, int downtimeReplicas) =>
        requested > downtimeReplicas && (previous is not { } before || requested > before);

    private static AdmissionDecision Keep(IReadOnlyList<PatchOperation> kept, string[] warnings) =>
        kept.Count > 0 ? new AdmissionDecision.Patched(kept, warnings)
        : warnings.Length > 0 ? new AdmissionDecision.Allowed(warnings)
        : AdmissionDecision.Allow;

    private static bool IsSweeper(AdmissionRequest request, AdmissionSettings settings) =>
        string.Equals(request.UserInfo?.Username, settings.SweeperUsername, StringComparison.Ordinal);

    /// <summary>The labels as a selector reads them: an object without labels has none (known, and empty).</summary>
    internal static IReadOnlyDictionary<string, string> AsReadOnly(IReadOnlyDictionary<string, string>? labels) =>
        labels ?? ReadOnlyDictionary<string, string>.Empty;
}

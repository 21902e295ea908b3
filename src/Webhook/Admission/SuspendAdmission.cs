using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The decision for a kind held down through <c>spec.suspend</c> (a CronJob) on CREATE and UPDATE: off-hours, an
/// object that would run is stored suspended with its intent in the stop record, so that no Job starts before the
/// sweeper's morning restore puts the intent back. Pure, like <see cref="AdmissionDecider"/>.
/// </summary>
/// <remarks>
/// An object written with <c>suspend: true</c> is left alone, record or not: a person who suspends a CronJob keeps
/// it suspended in the morning. A write that would start it (a CREATE that runs, an UPDATE that resumes it) is held
/// whether or not Tarnfui held it before, as a raised replica count is: its new intent replaces the recorded one, and
/// <c>kubectl tarnfui wake</c> is the way to run it now. An UPDATE of one already running changes nothing of it.
/// </remarks>
internal static class SuspendAdmission
{
    public static AdmissionDecision Decide(
        AdmissionRequest request, AdmissionTarget target, AdmissionSettings settings, IReadOnlyDictionary<string, string>? namespaceAnnotations, Instant now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        if (request.NewObject?.Metadata is not { } metadata)
        {
            return AdmissionDecision.Allow;
        }

        // The API server defaults an absent spec.suspend to false after mutating admission: absent means it would run.
        var intent = request.NewObject.Spec?.Suspend ?? false;
        if (intent)
        {
            return AdmissionDecision.Allow;
        }

        // As with a replica count, only a write that would start it is held: an UPDATE of one already running (a
        // person resumed it past the webhook, or no sweep has reached it yet) leaves spec.suspend as it was.
        if (request.Operation == AdmissionTarget.Update && !(request.OldObject?.Spec?.Suspend ?? false))
        {
            return AdmissionDecision.Allow;
        }

        var workload = target.Workload;
        var policy = settings.Resolver.Resolve(
            workload, metadata.Annotations, AdmissionTarget.IsOperatorOwned(metadata), namespaceAnnotations, new Core.Scope.SelectorLabels(AdmissionDecider.AsReadOnly(metadata.Labels), null), now);
        if (policy is PolicyDecision.Invalid invalid)
        {
            return new AdmissionDecision.Allowed([AdmissionMessages.Invalid(workload, invalid, StopPatch.IsStopped(metadata))]);
        }

        if (policy is not PolicyDecision.OffHours offHours)
        {
            return AdmissionDecision.Allow;
        }

        var zone = settings.Resolver.Global.TimeZone;
        return settings.Mode switch
        {
            WebhookMode.Deny => new AdmissionDecision.Denied(AdmissionMessages.Stopped(workload, offHours, zone)),
            WebhookMode.Warn => new AdmissionDecision.Allowed([AdmissionMessages.WarnedSuspend(workload, offHours, zone)]),
            _ => new AdmissionDecision.Patched(
                StopWrites.Suspend(metadata.Annotations, metadata.Labels, intent, now),
                [AdmissionMessages.Suspended(workload, offHours, zone)]),
        };
    }
}

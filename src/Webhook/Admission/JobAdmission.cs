using NodaTime;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The decision for a Job (<c>Webhook:SuspendNewJobs</c>, off by default): only a CREATE is held, and then exactly as a
/// CronJob's (<see cref="SuspendAdmission"/>): a Job that would run off-hours is stored suspended with
/// <c>original-suspend: "false"</c> in <c>zero</c> mode, refused in <c>deny</c>, warned about in <c>warn</c>; one
/// created suspended is left alone. Pure.
/// </summary>
/// <remarks>
/// UPDATEs are let through: a Job's <c>spec.suspend</c> is flipped by the sweeper's restore, by a person, and by the
/// CronJob controller, and none of them is the webhook's to undo. A Job its CronJob creates is owned by a controller,
/// which the policy exempts: the CronJob is held itself, so one that runs tonight is one nobody holds.
/// </remarks>
internal static class JobAdmission
{
    public static AdmissionDecision Decide(
        AdmissionRequest request, AdmissionTarget target, AdmissionSettings settings, IReadOnlyDictionary<string, string>? namespaceAnnotations, Instant now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.SuspendNewJobs && request.Operation == AdmissionTarget.Create
            ? SuspendAdmission.Decide(request, target, settings, namespaceAnnotations, now)
            : AdmissionDecision.Allow;
    }
}

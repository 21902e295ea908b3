using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Core;
using Tarnfui.Core.Durations;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Sandbox.Demo;

/// <summary>What a scripted moment did: the timeline text, what it counts towards, and the count a person chose.</summary>
internal sealed record MomentOutcome(string Text, bool Refused = false, bool Zeroed = false, WorkloadRef? Intent = null, int IntentReplicas = 0, bool CronJobHeld = false);

/// <summary>
/// The people of the night: they act as the cluster admin, through the real kubectl when there is one (else the
/// same requests through KubernetesClient), and the webhook answers them as it would answer anyone.
/// </summary>
internal sealed class DemoMoments(IKubernetes admin, KubectlRunner? kubectl, DemoTargets targets, DemoScript script)
{
    /// <summary>The field manager kubectl apply writes with: the update looks like a deploy pipeline's.</summary>
    private const string ApplyFieldManager = "kubectl-client-side-apply";

    public string ScaleClient => kubectl is null ? "KubernetesClient" : "kubectl";

    public Task<MomentOutcome> RunAsync(DemoMoment moment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moment);
        return moment.Kind switch
        {
            MomentKind.KeepOneReplica => KeepOneReplicaAsync(cancellationToken),
            MomentKind.ScaleUp => ScaleUpAsync(cancellationToken),
            MomentKind.ApplyUpdate => ApplyUpdateAsync(cancellationToken),
            MomentKind.ManualScaleDown => ManualScaleDownAsync(cancellationToken),
            MomentKind.Wake => WakeAsync(moment.At, cancellationToken),
            MomentKind.ReapplyCronJob => ReapplyCronJobAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(moment), moment.Kind, "unknown moment"),
        };
    }

    private async Task<MomentOutcome> KeepOneReplicaAsync(CancellationToken cancellationToken)
    {
        var w = targets.KeepsOne;
        await AnnotateAsync(w, WellKnown.Annotations.DowntimeReplicas, "1", cancellationToken);
        return new MomentOutcome($"{Name(w)} is told to keep 1 replica off-hours ({WellKnown.Annotations.DowntimeReplicas}=1)");
    }

    private async Task<MomentOutcome> ScaleUpAsync(CancellationToken cancellationToken)
    {
        var w = targets.ScaledUp;
        var (ok, message) = await ScaleAsync(w, 3, cancellationToken);
        return ok
            ? new MomentOutcome($"{ScaleCommand(w, 3)}: accepted, the webhook did not refuse it")
            : new MomentOutcome($"{ScaleCommand(w, 3)}: refused\n{message}", Refused: message.Contains("denied", StringComparison.Ordinal) || message.Contains("Forbidden", StringComparison.Ordinal));
    }

    private async Task<MomentOutcome> ApplyUpdateAsync(CancellationToken cancellationToken)
    {
        var w = targets.Updated;
        var patch = new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.StrategicMergePatch);
        using var response = await admin.AppsV1.PatchNamespacedDeploymentWithHttpMessagesAsync(patch, w.Name, w.Namespace, fieldManager: ApplyFieldManager, cancellationToken: cancellationToken);
        var replicas = response.Body.Spec.Replicas ?? 1;
        string? original = null;
        response.Body.Metadata.Annotations?.TryGetValue(WellKnown.Annotations.OriginalReplicas, out original);
        var warnings = response.Response.Headers.TryGetValues("Warning", out var values) ? string.Join(" / ", values) : "(no warning)";
        var zeroed = replicas == 0 && original == "5";
        var text = $"a pipeline applies {Name(w)} with replicas: 5 -> stored with replicas {replicas}, {WellKnown.Annotations.OriginalReplicas}={original ?? "(none)"}\nwarning: {warnings}";
        return new MomentOutcome(text, Zeroed: zeroed, Intent: w, IntentReplicas: 5);
    }

    private async Task<MomentOutcome> ReapplyCronJobAsync(CancellationToken cancellationToken)
    {
        // As a pipeline's apply of a manifest that says suspend: false: through the API server, so the webhook sees it.
        var w = DemoTargets.ReappliedCronJob;
        var patch = new V1Patch("""{"spec":{"suspend":false}}""", V1Patch.PatchType.StrategicMergePatch);
        using var response = await admin.BatchV1.PatchNamespacedCronJobWithHttpMessagesAsync(patch, w.Name, w.Namespace, fieldManager: ApplyFieldManager, cancellationToken: cancellationToken);
        var suspend = response.Body.Spec.Suspend == true;
        string? original = null;
        response.Body.Metadata.Annotations?.TryGetValue(WellKnown.Annotations.OriginalSuspend, out original);
        var warnings = response.Response.Headers.TryGetValues("Warning", out var values) ? string.Join(" / ", values) : "(no warning)";
        var text = $"a pipeline applies cronjob {w.Namespace}/{w.Name} with suspend: false -> stored with suspend {(suspend ? "true" : "false")}, "
                   + $"{WellKnown.Annotations.OriginalSuspend}={original ?? "(none)"}\nwarning: {warnings}";
        return new MomentOutcome(text, CronJobHeld: suspend && original == "false");
    }

    private async Task<MomentOutcome> ManualScaleDownAsync(CancellationToken cancellationToken)
    {
        var w = targets.KeepsOne;
        var (ok, message) = await ScaleAsync(w, 0, cancellationToken);
        return ok
            ? new MomentOutcome($"{ScaleCommand(w, 0)}: a person turns it off for the weekend (allowed: a scale-down)", Intent: w, IntentReplicas: 0)
            : new MomentOutcome($"{ScaleCommand(w, 0)}: unexpectedly refused\n{message}");
    }

    private async Task<MomentOutcome> WakeAsync(Instant now, CancellationToken cancellationToken)
    {
        var w = targets.Woken;
        var until = OffsetDateTimePattern.Rfc3339.Format((now + DemoScript.WakeFor).InZone(script.Zone).ToOffsetDateTime());
        await AnnotateAsync(w, WellKnown.Annotations.ExcludeUntil, until, cancellationToken);
        return new MomentOutcome($"wake {Name(w)} for {GoDuration.Format(DemoScript.WakeFor)}: {WellKnown.Annotations.ExcludeUntil}={until}");
    }

    private async Task<(bool Ok, string Message)> ScaleAsync(WorkloadRef w, int replicas, CancellationToken cancellationToken)
    {
        if (kubectl is not null)
        {
            var result = await kubectl.RunAsync(["scale", "deployment/" + w.Name, "-n", w.Namespace, "--replicas=" + replicas.ToString(CultureInfo.InvariantCulture)], cancellationToken);
            return (result.ExitCode == 0, (result.ExitCode == 0 ? result.Output : result.Error).Trim());
        }

        try
        {
            // What kubectl scale sends: a merge patch of the /scale subresource.
            var body = new V1Patch($$$"""{"spec":{"replicas":{{{replicas}}}}}""", V1Patch.PatchType.MergePatch);
            await admin.AppsV1.PatchNamespacedDeploymentScaleAsync(body, w.Name, w.Namespace, cancellationToken: cancellationToken);
            return (true, "");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            return (false, "Error from server (Forbidden): " + StatusMessage(e.Response.Content));
        }
    }

    private async Task AnnotateAsync(WorkloadRef w, string key, string value, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(JsonSerializer.Serialize(new { metadata = new { annotations = new Dictionary<string, string> { [key] = value } } }), V1Patch.PatchType.MergePatch);
        await admin.AppsV1.PatchNamespacedDeploymentAsync(patch, w.Name, w.Namespace, cancellationToken: cancellationToken);
    }

    private string ScaleCommand(WorkloadRef w, int replicas) =>
        $"{(kubectl is null ? "PATCH /scale (as kubectl scale)" : "kubectl scale")} deployment/{w.Name} -n {w.Namespace} --replicas={replicas}";

    private static string Name(WorkloadRef w) => $"deployment {w.Namespace}/{w.Name}";

    private static string StatusMessage(string? content)
    {
        try
        {
            using var document = JsonDocument.Parse(content ?? "{}");
            return document.RootElement.TryGetProperty("message", out var message) ? message.GetString() ?? "" : content ?? "";
        }
        catch (JsonException)
        {
            return content ?? "";
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Controllers;

/// <summary>
/// The part of KEDA's operator Tarnfui depends on, for the ScaledObjects of <c>keda.sh/v1alpha1</c>, doing nothing
/// while that CRD is not installed. A ScaledObject carrying <c>autoscaling.keda.sh/paused-replicas</c> has its target
/// scaled to that count once (when the count differs from <c>status.pausedReplicaCount</c>) and is then left: KEDA
/// stops its scale loop while paused. Otherwise the trigger's activation is emulated: the test sets
/// <see cref="TriggerActiveAnnotation"/> to <c>"true"</c> for an active trigger, and the controller scales a target at
/// 0 to <c>max(minReplicaCount, 1)</c> when it becomes active and back to <c>minReplicaCount</c> (default 0) when it
/// becomes inactive, as KEDA does (1→N is its HPA's, not emulated). Every target write goes through the API's
/// <c>/scale</c> as KEDA's service account, so admission (Tarnfui's webhook) sees it and may refuse it; status is written
/// straight to the store, with the <c>Ready</c>, <c>Active</c> and <c>Paused</c> conditions KEDA writes.
/// </summary>
/// <remarks>
/// Syncs run when called (<see cref="SyncAsync"/>), or on <see cref="ControllerOptions.ScheduleTickPeriod"/> once
/// started. The cooldown before an inactive trigger scales to zero is not emulated: the edge scales at once.
/// </remarks>
public sealed class KedaController(ObjectStore store, ControllerOptions options, IClock clock, ILogger<KedaController> logger)
    : ScaleTargetController(options)
{
    /// <summary>Set to <c>"true"</c> by a test on a ScaledObject: its trigger is active (what KEDA's scalers would measure).</summary>
    public const string TriggerActiveAnnotation = "emulator.tarnfui.io/trigger-active";

    /// <summary>One sync of every ScaledObject: the targets (<c>namespace/name</c>) it scaled and those whose write was refused.</summary>
    public override async Task<AutoscalerSync> SyncAsync(CancellationToken cancellationToken = default)
    {
        var client = Client("KEDA");
        var sync = new AutoscalerSync();
        if (store.Types.Find(WellKnown.Keda.Group, WellKnown.Keda.Version, WellKnown.Keda.ScaledObjects) is not { } type)
        {
            return sync;
        }

        foreach (var stored in store.All(type))
        {
            await SyncOneAsync(client, type, stored.ToJsonObject(), sync, cancellationToken);
        }

        return sync;
    }

    private async Task SyncOneAsync(IKubernetes client, ResourceType type, JsonObject scaledObject, AutoscalerSync sync, CancellationToken cancellationToken)
    {
        var ns = (string)scaledObject["metadata"]!["namespace"]!;
        var name = (string)scaledObject["metadata"]!["name"]!;
        var reference = scaledObject["spec"]?["scaleTargetRef"];
        var kind = (string?)reference?["kind"] ?? "Deployment";
        var target = (string?)reference?["name"] ?? "";
        var annotations = scaledObject["metadata"]!["annotations"] as JsonObject;
        var status = scaledObject["status"] as JsonObject ?? [];
        var min = (int?)scaledObject["spec"]?["minReplicaCount"] ?? 0;
        var wasActive = Condition(status, "Active") == "True";
        var active = (string?)annotations?[TriggerActiveAnnotation] == "true";
        int? paused = int.TryParse((string?)annotations?[WellKnown.Keda.PausedReplicas], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
        var current = Replicas(kind, ns, target);

        int? desired = null;
        if (paused is { } p)
        {
            // KEDA scales to the paused count when the pause (or its count) is new, then stops its scale loop.
            desired = (int?)status["pausedReplicaCount"] == p ? null : p;
        }
        else if (active && !wasActive && current == 0)
        {
            desired = Math.Max(min, 1);
        }
        else if (!active && wasActive && current > min)
        {
            desired = min;
        }

        var scaled = desired is null;
        if (desired is { } replicas && current is not null && replicas != current)
        {
            try
            {
                await ScaleAsync(client, kind, ns, target, replicas, cancellationToken);
                sync.Scaled.Add($"{ns}/{target}");
                scaled = true;
            }
            catch (HttpOperationException e) when (IsRefusal(e))
            {
                // KEDA logs the failure and tries again at its next reconcile: the status is left as it was.
                sync.Refused.Add($"{ns}/{target}");
                Log.KedaScaleRefused(logger, ns, name, replicas, (int)e.Response.StatusCode);
            }
        }
        else
        {
            scaled = true;
        }

        if (scaled)
        {
            WriteStatus(type, ns, name, kind, paused, paused is null && active);
        }
    }

    private int? Replicas(string kind, string ns, string name) => kind switch
    {
        "Deployment" => store.Get(ResourceTypes.Deployments, ns, name)?.As<V1Deployment>().Spec?.Replicas,
        "StatefulSet" => store.Get(ResourceTypes.StatefulSets, ns, name)?.As<V1StatefulSet>().Spec?.Replicas,
        _ => null,
    };

    private void WriteStatus(ResourceType type, string ns, string name, string kind, int? paused, bool active)
    {
        var now = InstantPattern(clock.GetCurrentInstant());
        store.Update(type, ns, name, scaledObject =>
        {
            var status = scaledObject["status"] as JsonObject ?? [];
            var before = status.ToJsonString();
            status["scaleTargetKind"] = kind == "StatefulSet" ? "apps/v1.StatefulSet" : "apps/v1.Deployment";
            if (paused is { } p)
            {
                status["pausedReplicaCount"] = p;
            }
            else
            {
                status.Remove("pausedReplicaCount");
            }

            if (active)
            {
                status["lastActiveTime"] = now;
            }

            status["conditions"] = new JsonArray(
                Condition("Ready", "True", "ScaledObjectReady", "ScaledObject is defined correctly and is ready for scaling"),
                Condition("Active", active ? "True" : "False", active ? "ScalerActive" : "ScalerNotActive", active ? "Scaling is performed because triggers are active" : "Scaling is not performed because triggers are not active"),
                Condition("Paused", paused is null ? "False" : "True", paused is null ? "ScaledObjectUnpaused" : "ScaledObjectPaused", paused is null ? "pause annotation removed for ScaledObject" : "ScaledObject is paused"));
            if (status.ToJsonString() == before)
            {
                return false;
            }

            scaledObject["status"] = status;
            return true;
        });
    }

    private static JsonObject Condition(string type, string status, string reason, string message) =>
        new() { ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = message };

    private static string? Condition(JsonObject status, string type) =>
        status["conditions"] is JsonArray conditions
            ? conditions.OfType<JsonObject>().Where(c => (string?)c["type"] == type).Select(c => (string?)c["status"]).FirstOrDefault()
            : null;

    private static string InstantPattern(Instant instant) => NodaTime.Text.InstantPattern.General.Format(instant);

    protected override void SyncFailed(Exception exception) => Log.KedaSyncFailed(logger, exception);
}

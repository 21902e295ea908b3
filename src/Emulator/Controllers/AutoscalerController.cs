using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Tarnfui.Emulator.Controllers;

/// <summary>
/// The horizontal-pod-autoscaler controller of kube-controller-manager, without metrics: each sync keeps every HPA's
/// status plausible (<c>currentReplicas</c> from its target, <c>desiredReplicas</c> that count clamped to its bounds)
/// and, when the target runs outside <c>[minReplicas, maxReplicas]</c>, writes the target's <c>/scale</c> back into
/// them through the API as the controller's own service account, so admission (a webhook) sees and may refuse it. A
/// target at 0 replicas is left alone: Kubernetes disables autoscaling there (condition ScalingActive false).
/// </summary>
/// <remarks>
/// Syncs run when called (<see cref="SyncAsync"/>), or on <see cref="ControllerOptions.ScheduleTickPeriod"/> once
/// started, never on a change: the real controller's work queue delays every HPA by its sync period
/// (<c>--horizontal-pod-autoscaler-sync-period</c>, 15 s; pkg/controller/podautoscaler, <c>NewDefaultHPARateLimiter</c>),
/// an update of the HPA included.
/// </remarks>
public sealed class AutoscalerController(IControllerStore store, ControllerOptions options, ILogger<AutoscalerController> logger)
    : ScaleTargetController(options)
{
    /// <summary>One sync of every HPA: what it wrote to targets' <c>/scale</c>, and what admission refused.</summary>
    public override async Task<AutoscalerSync> SyncAsync(CancellationToken cancellationToken = default)
    {
        var client = Client("autoscaler");
        var sync = new AutoscalerSync();
        // A null namespace lists all of them.
        foreach (var autoscaler in store.List<V2HorizontalPodAutoscaler>(null!))
        {
            await SyncOneAsync(client, autoscaler, sync, cancellationToken);
        }

        return sync;
    }

    private async Task SyncOneAsync(IKubernetes client, V2HorizontalPodAutoscaler autoscaler, AutoscalerSync sync, CancellationToken cancellationToken)
    {
        var ns = autoscaler.Metadata.NamespaceProperty;
        var target = autoscaler.Spec?.ScaleTargetRef;
        int? current = target?.Kind switch
        {
            "Deployment" => store.Read<V1Deployment>(ns, target.Name)?.Spec?.Replicas,
            "StatefulSet" => store.Read<V1StatefulSet>(ns, target.Name)?.Spec?.Replicas,
            _ => null,
        };
        if (current is not { } replicas)
        {
            return;
        }

        var desired = replicas == 0 ? 0 : Math.Clamp(replicas, autoscaler.Spec!.MinReplicas ?? 1, Math.Max(autoscaler.Spec.MaxReplicas, autoscaler.Spec.MinReplicas ?? 1));
        if (desired != replicas)
        {
            var key = $"{ns}/{target!.Name}";
            try
            {
                await ScaleAsync(client, target.Kind, ns, target.Name, desired, cancellationToken);
                sync.Scaled.Add(key);
            }
            catch (HttpOperationException e) when (IsRefusal(e))
            {
                // The real controller records FailedUpdateScale and tries again at its next sync.
                sync.Refused.Add(key);
                Log.AutoscalerScaleRefused(logger, ns, autoscaler.Metadata.Name, desired, (int)e.Response.StatusCode);
            }
        }

        if (autoscaler.Status?.CurrentReplicas != replicas || autoscaler.Status?.DesiredReplicas != desired)
        {
            autoscaler.Status = new V2HorizontalPodAutoscalerStatus { CurrentReplicas = replicas, DesiredReplicas = desired, LastScaleTime = autoscaler.Status?.LastScaleTime };
            // A conflict means the HPA changed since the read: the next sync writes it from the new state.
            store.ReplaceStatus(autoscaler);
        }
    }

    protected override void SyncFailed(Exception exception) => Log.AutoscalerSyncFailed(logger, exception);
}

/// <summary>What one <see cref="AutoscalerController.SyncAsync"/> wrote: the targets (<c>namespace/name</c>) it scaled, and those whose <c>/scale</c> write was refused.</summary>
public sealed class AutoscalerSync
{
    public List<string> Scaled { get; } = [];

    public List<string> Refused { get; } = [];
}

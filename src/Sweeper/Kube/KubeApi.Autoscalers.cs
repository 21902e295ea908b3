using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Autoscaling;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// The calls of the HorizontalPodAutoscaler view and its writes: every HPA (<c>autoscaling/v2</c>), listed and watched
/// whole because its target and bounds are in its spec. HPAs are few; the view keeps only an
/// <see cref="AutoscalerSnapshot"/> of each.
/// </summary>
internal sealed partial class KubeApi
{
    /// <summary>A page of every HPA of <paramref name="namespace"/> (null: all namespaces).</summary>
    public async Task<AutoscalerPage> ListAutoscalersAsync(string? @namespace, string? continueToken, CancellationToken cancellationToken)
    {
        using var response = @namespace is null
            ? await client.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesWithHttpMessagesAsync(
            continueParameter: continueToken, limit: _pageSize, cancellationToken: cancellationToken)
            : await client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerWithHttpMessagesAsync(@namespace, continueParameter: continueToken, limit: _pageSize, cancellationToken: cancellationToken);
        return new AutoscalerPage(response.Body.Items, response.Body.Metadata?.ContinueProperty, response.Body.Metadata?.ResourceVersion);
    }

    /// <summary>Watches every HPA from <paramref name="resourceVersion"/>; <paramref name="connected"/> as for <see cref="WatchStoppedAsync"/>.</summary>
    public async IAsyncEnumerable<(WatchEventType Type, V2HorizontalPodAutoscaler Autoscaler)> WatchAutoscalersAsync(
        string? @namespace, string resourceVersion, Action connected, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var listener = watchSignals.Listen(connected);
        var response = @namespace is null
            ? await client.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: true, resourceVersion: resourceVersion, watch: true,
            customHeaders: new Dictionary<string, IReadOnlyList<string>> { [WatchSignals.Header] = [listener.Id] }, cancellationToken: cancellationToken)
            : await client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerWithHttpMessagesAsync(@namespace, allowWatchBookmarks: true, resourceVersion: resourceVersion, watch: true,
            customHeaders: new Dictionary<string, IReadOnlyList<string>> { [WatchSignals.Header] = [listener.Id] }, cancellationToken: cancellationToken);
        connected();
#pragma warning disable CS0618 // the obsolete WatchAsync extension: see the class remarks
        await foreach (var (type, item) in Task.FromResult(response).WatchAsync<V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerList>(EndWatch, cancellationToken))
#pragma warning restore CS0618
        {
            yield return (type, item);
        }
    }

    /// <summary>One HPA read again after a write failed its tests, or null when it is gone.</summary>
    public async Task<AutoscalerSnapshot?> ReadAutoscalerAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerWithHttpMessagesAsync(name, @namespace, cancellationToken: cancellationToken);
            return AutoscalerSnapshotOf(response.Body);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Sends one JSON Patch to an HPA.</summary>
    public async Task<AutoscalerWrite> PatchAutoscalerAsync(AutoscalerSnapshot autoscaler, JsonArray operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(autoscaler);
        ArgumentNullException.ThrowIfNull(operations);
        var patch = new V1Patch(operations.ToJsonString(), V1Patch.PatchType.JsonPatch);
        try
        {
            using var response = await client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerWithHttpMessagesAsync(
                patch, autoscaler.Name, autoscaler.Namespace, fieldManager: WellKnown.FieldManagers.Sweeper, cancellationToken: cancellationToken);
            return new AutoscalerWrite.Applied(AutoscalerSnapshotOf(response.Body));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return new AutoscalerWrite.Gone();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            return new AutoscalerWrite.Conflict();
        }
    }

    /// <summary>What the sweeper keeps of an HPA: its target (a kind Tarnfui stops, else null), its bounds and its record.</summary>
    public static AutoscalerSnapshot AutoscalerSnapshotOf(V2HorizontalPodAutoscaler autoscaler)
    {
        ArgumentNullException.ThrowIfNull(autoscaler);
        var metadata = autoscaler.Metadata;
        var ns = SharedStrings.Share(metadata.NamespaceProperty ?? "");
        var target = autoscaler.Spec?.ScaleTargetRef is { } reference && WorkloadKind.FindByOwner(reference.ApiVersion, reference.Kind) is { Stop: StopMethod.Replicas } kind
            ? new WorkloadRef(kind, ns, reference.Name)
            : null;
        return new AutoscalerSnapshot(ns, metadata.Name, metadata.Uid ?? "", metadata.ResourceVersion ?? "", target,
            new AutoscalerBounds(autoscaler.Spec?.MinReplicas, autoscaler.Spec?.MaxReplicas ?? 0), AutoscalerSnapshot.RecordOf(metadata.Annotations));
    }

    /// <summary>One page of whole HPAs.</summary>
    public sealed record AutoscalerPage(IList<V2HorizontalPodAutoscaler> Items, string? Continue, string? ResourceVersion);
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using Tarnfui.Cli.Cluster.Status;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Watching;

namespace Tarnfui.Cli.Dashboard.Model;

/// <summary>A KEDA ScaledObject Tarnfui holds paused, with the workload it scales as read when the ScaledObject last changed.</summary>
/// <param name="ScaledObject">The ScaledObject as listed or watched.</param>
/// <param name="ResourceVersion">Its resourceVersion, where the watch resumes.</param>
/// <param name="Target">Its target (whose annotations carry the policy), or null when it names none Tarnfui scales or it does not exist.</param>
/// <param name="TargetPerReplica">What one pod of the target requests, or null when its pod template was not read.</param>
internal sealed record HeldScaledObject(ScaledObject ScaledObject, string? ResourceVersion, Workload? Target, PodRequests? TargetPerReplica)
{
    /// <summary>Its status row at <paramref name="now"/>, decided as status decides it; null for a target Tarnfui never pauses.</summary>
    public HeldDown? Row(PolicyResolver resolver, IReadOnlyDictionary<string, string>? namespaceAnnotations, NodaTime.Instant now)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        if (ScaledObject.Target is not { } target)
        {
            return null;
        }

        var decision = resolver.Resolve(
            target, Target?.Annotations ?? new Dictionary<string, string>(StringComparer.Ordinal), Target?.OperatorOwned ?? false, namespaceAnnotations, now, CancellationToken.None);
        var record = ScaledObject.Record is { IsValid: true, Value: { } paused } ? paused : null;
        return HeldDown.Create(target, record?.TargetReplicas, record?.PausedAt, decision, now) with { ScaledObject = ScaledObject.Name };
    }
}

/// <summary>
/// The LIST and WATCH of the ScaledObjects that carry the stopped label, as status reads them (whole: the target is in
/// the spec), through the custom-object API. Each one listed or changed has its target read once then, so a page view
/// reads nothing. A cluster without the CRD answers 404, which the model reads as none.
/// </summary>
internal static class HeldScaledObjects
{
    public static ListWatch<HeldScaledObject> Source(WorkloadApi api, string? @namespace)
    {
        ArgumentNullException.ThrowIfNull(api);
        var client = api.Client;
        var selector = WellKnown.Labels.StoppedSelector;
        return new()
        {
            List = async (token, ct) =>
            {
                using var response = @namespace is null
                    ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<JsonElement>(
                        WellKnown.Keda.Group, WellKnown.Keda.Version, WellKnown.Keda.ScaledObjects, continueParameter: token, labelSelector: selector, limit: ModelSources.PageSize, cancellationToken: ct)
                    : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
                        WellKnown.Keda.Group, WellKnown.Keda.Version, @namespace, WellKnown.Keda.ScaledObjects, continueParameter: token, labelSelector: selector, limit: ModelSources.PageSize, cancellationToken: ct);
                var list = response.Body;
                var meta = list.TryGetProperty("metadata", out var m) ? m : default;
                var items = new List<HeldScaledObject>();
                if (list.TryGetProperty("items", out var raw) && raw.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in raw.EnumerateArray())
                    {
                        items.Add(await ReadAsync(api, item, ct));
                    }
                }

                return new ListPage<HeldScaledObject>(items, Text(meta, "continue"), Text(meta, "resourceVersion"));
            },
            Watch = (version, connected, ct) => Changes(
                api,
                ModelSources.Changes(
                    @namespace is null
                        ? client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<JsonElement>(
                            WellKnown.Keda.Group, WellKnown.Keda.Version, WellKnown.Keda.ScaledObjects, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, timeoutSeconds: ModelSources.WatchTimeoutSeconds, watch: true, cancellationToken: ct)
                        : client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
                            WellKnown.Keda.Group, WellKnown.Keda.Version, @namespace, WellKnown.Keda.ScaledObjects, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, timeoutSeconds: ModelSources.WatchTimeoutSeconds, watch: true, cancellationToken: ct),
                    (JsonElement e) => e,
                    connected,
                    ct),
                ct),
            Key = h => ObjectKey.Of(h.ScaledObject.Namespace, h.ScaledObject.Name),
            Version = h => h.ResourceVersion,
            IsExpired = ModelSources.IsExpired,
        };
    }

    private static async IAsyncEnumerable<WatchChange<HeldScaledObject>> Changes(
        WorkloadApi api, IAsyncEnumerable<WatchChange<JsonElement>> changes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in changes.WithCancellation(cancellationToken))
        {
            var item = change.Item;
            // A bookmark or a deletion needs no target: only the version or the key is read from it.
            var kept = change.Type is ChangeType.Added or ChangeType.Modified
                ? await ReadAsync(api, item, cancellationToken)
                : new HeldScaledObject(ScaledObject.From(item), ResourceVersionOf(item), null, null);
            yield return new WatchChange<HeldScaledObject>(change.Type, kept);
        }
    }

    private static async Task<HeldScaledObject> ReadAsync(WorkloadApi api, JsonElement item, CancellationToken cancellationToken)
    {
        var scaledObject = ScaledObject.From(item);
        var (target, perReplica) = scaledObject.Target is { } reference ? await ReadTargetAsync(api, reference, cancellationToken) : (null, null);
        return new HeldScaledObject(scaledObject, ResourceVersionOf(item), target, perReplica);
    }

    // A Deployment or StatefulSet target is read whole for its pod template's requests; a Rollout as the CLI reads it.
    private static async Task<(Workload?, PodRequests?)> ReadTargetAsync(WorkloadApi api, WorkloadRef target, CancellationToken cancellationToken)
    {
        try
        {
            if (target.Kind == WorkloadKind.Deployment)
            {
                var held = HeldWorkload.Of(await api.Client.AppsV1.ReadNamespacedDeploymentAsync(target.Name, target.Namespace, cancellationToken: cancellationToken));
                return (held.Workload, held.PerReplica);
            }

            if (target.Kind == WorkloadKind.StatefulSet)
            {
                var held = HeldWorkload.Of(await api.Client.AppsV1.ReadNamespacedStatefulSetAsync(target.Name, target.Namespace, cancellationToken: cancellationToken));
                return (held.Workload, held.PerReplica);
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return (null, null);
        }

        return (await api.ReadAsync(target, cancellationToken), null);
    }

    private static string? ResourceVersionOf(JsonElement item) =>
        item.TryGetProperty("metadata", out var meta) ? Text(meta, "resourceVersion") : null;

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

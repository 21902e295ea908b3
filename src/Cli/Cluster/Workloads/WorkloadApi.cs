using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Workloads;

/// <summary>The API calls of the cluster commands: GET, paginated LIST (metadata only where that suffices) and JSON Patch.</summary>
internal sealed partial class WorkloadApi(IKubernetes client)
{
    // kubectl's page size: large enough that a normal cluster is one request, bounded for a huge one.
    private const int PageSize = 500;

    private static readonly Dictionary<string, IReadOnlyList<string>> MetadataOnly = new(StringComparer.Ordinal)
    {
        ["Accept"] = [WellKnown.MetadataListAccept],
    };

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>?> _namespaces = new(StringComparer.Ordinal);

    /// <summary>The client the calls go through, for the dashboard's watches and clock reads.</summary>
    public IKubernetes Client => client;

    /// <summary>The workload, or null when it does not exist.</summary>
    public async Task<Workload?> ReadAsync(WorkloadRef workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        try
        {
            // The typed client has one call per kind: each branch here is exhaustive and ends in WorkloadKind.NotHandled.
            return workload.Kind switch
            {
                var k when k == WorkloadKind.Deployment =>
                    WorkloadReader.From(await client.AppsV1.ReadNamespacedDeploymentAsync(workload.Name, workload.Namespace, cancellationToken: cancellationToken)),
                var k when k == WorkloadKind.StatefulSet =>
                    WorkloadReader.From(await client.AppsV1.ReadNamespacedStatefulSetAsync(workload.Name, workload.Namespace, cancellationToken: cancellationToken)),
                var k when k == WorkloadKind.CronJob =>
                    WorkloadReader.From(await client.BatchV1.ReadNamespacedCronJobAsync(workload.Name, workload.Namespace, cancellationToken: cancellationToken)),
                var k when k == WorkloadKind.Job =>
                    WorkloadReader.From(await client.BatchV1.ReadNamespacedJobAsync(workload.Name, workload.Namespace, cancellationToken: cancellationToken)),
                var k when k == WorkloadKind.Rollout => await ReadRolloutAsync(workload, cancellationToken),
                var k => throw WorkloadKind.NotHandled(k, nameof(ReadAsync)),
            };
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Lists one kind in <paramref name="namespace"/> (every namespace when null), page by page. With
    /// <paramref name="metadataOnly"/> the server sends PartialObjectMetadata and <see cref="Workload.Replicas"/> is null.
    /// </summary>
    public async IAsyncEnumerable<Workload> ListAsync(
        WorkloadKind kind,
        string? @namespace,
        string? labelSelector,
        bool metadataOnly,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var headers = metadataOnly ? MetadataOnly : null;
        string? continueToken = null;
        do
        {
            IEnumerable<Workload> page;
            if (kind == WorkloadKind.Deployment)
            {
                using var response = @namespace is null
                    ? await client.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, customHeaders: headers, cancellationToken: cancellationToken)
                    : await client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(@namespace, continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, customHeaders: headers, cancellationToken: cancellationToken);
                continueToken = response.Body.Metadata?.ContinueProperty;
                page = response.Body.Items.Select(d => WorkloadReader.From(d)).ToList();
            }
            else if (kind == WorkloadKind.StatefulSet)
            {
                using var response = @namespace is null
                    ? await client.AppsV1.ListStatefulSetForAllNamespacesWithHttpMessagesAsync(continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, customHeaders: headers, cancellationToken: cancellationToken)
                    : await client.AppsV1.ListNamespacedStatefulSetWithHttpMessagesAsync(@namespace, continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, customHeaders: headers, cancellationToken: cancellationToken);
                continueToken = response.Body.Metadata?.ContinueProperty;
                page = response.Body.Items.Select(s => WorkloadReader.From(s)).ToList();
            }
            else if (kind == WorkloadKind.CronJob)
            {
                // spec.suspend is not in an object's metadata: CronJobs are always listed whole.
                using var response = @namespace is null
                    ? await client.BatchV1.ListCronJobForAllNamespacesWithHttpMessagesAsync(continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken)
                    : await client.BatchV1.ListNamespacedCronJobWithHttpMessagesAsync(@namespace, continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken);
                continueToken = response.Body.Metadata?.ContinueProperty;
                page = response.Body.Items.Select(c => WorkloadReader.From(c)).ToList();
            }
            else if (kind == WorkloadKind.Job)
            {
                // As a CronJob: spec.suspend and the finished conditions are not in an object's metadata.
                using var response = @namespace is null
                    ? await client.BatchV1.ListJobForAllNamespacesWithHttpMessagesAsync(continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken)
                    : await client.BatchV1.ListNamespacedJobWithHttpMessagesAsync(@namespace, continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken);
                continueToken = response.Body.Metadata?.ContinueProperty;
                page = response.Body.Items.Select(j => WorkloadReader.From(j)).ToList();
            }
            else if (kind == WorkloadKind.Rollout)
            {
                (page, continueToken) = await ListRolloutsAsync(@namespace, labelSelector, continueToken, headers, cancellationToken);
            }
            else
            {
                throw WorkloadKind.NotHandled(kind, nameof(ListAsync));
            }

            foreach (var workload in page)
            {
                yield return workload;
            }
        }
        while (!string.IsNullOrEmpty(continueToken));
    }

    /// <summary>A namespace's annotations (empty when it has none), or null when it does not exist; read once per run.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> NamespaceAnnotationsAsync(string @namespace, CancellationToken cancellationToken)
    {
        if (_namespaces.TryGetValue(@namespace, out var known))
        {
            return known;
        }

        IReadOnlyDictionary<string, string>? annotations;
        try
        {
            var ns = await client.CoreV1.ReadNamespaceAsync(@namespace, cancellationToken: cancellationToken);
            annotations = ns.Metadata?.Annotations is { } map ? new Dictionary<string, string>(map, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            annotations = null;
        }

        _namespaces[@namespace] = annotations;
        return annotations;
    }

    /// <summary>Every namespace's name and annotations, metadata only, paginated; also fills the per-namespace cache.</summary>
    public async IAsyncEnumerable<(string Name, IReadOnlyDictionary<string, string> Annotations)> ListNamespacesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continueToken = null;
        do
        {
            using var response = await client.CoreV1.ListNamespaceWithHttpMessagesAsync(continueParameter: continueToken, limit: PageSize, customHeaders: MetadataOnly, cancellationToken: cancellationToken);
            continueToken = response.Body.Metadata?.ContinueProperty;
            foreach (var ns in response.Body.Items)
            {
                var name = ns.Metadata?.Name ?? string.Empty;
                IReadOnlyDictionary<string, string> annotations = ns.Metadata?.Annotations is { } map
                    ? new Dictionary<string, string>(map, StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal);
                _namespaces[name] = annotations;
                yield return (name, annotations);
            }
        }
        while (!string.IsNullOrEmpty(continueToken));
    }

    /// <summary>Applies a JSON Patch to a Namespace as field manager <c>kubectl-tarnfui</c> (its annotations, for migrate).</summary>
    public Task PatchNamespaceAsync(string name, string jsonPatch, CancellationToken cancellationToken) =>
        client.CoreV1.PatchNamespaceAsync(new V1Patch(jsonPatch, V1Patch.PatchType.JsonPatch), name, fieldManager: WellKnown.FieldManagers.Cli, cancellationToken: cancellationToken);

    /// <summary>Applies a JSON Patch to the workload's main resource as field manager <c>kubectl-tarnfui</c>.</summary>
    public async Task PatchAsync(WorkloadRef workload, string jsonPatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var patch = new V1Patch(jsonPatch, V1Patch.PatchType.JsonPatch);
        if (workload.Kind == WorkloadKind.Deployment)
        {
            await client.AppsV1.PatchNamespacedDeploymentAsync(patch, workload.Name, workload.Namespace, fieldManager: WellKnown.FieldManagers.Cli, cancellationToken: cancellationToken);
        }
        else if (workload.Kind == WorkloadKind.StatefulSet)
        {
            await client.AppsV1.PatchNamespacedStatefulSetAsync(patch, workload.Name, workload.Namespace, fieldManager: WellKnown.FieldManagers.Cli, cancellationToken: cancellationToken);
        }
        else if (workload.Kind == WorkloadKind.CronJob)
        {
            await client.BatchV1.PatchNamespacedCronJobAsync(patch, workload.Name, workload.Namespace, fieldManager: WellKnown.FieldManagers.Cli, cancellationToken: cancellationToken);
        }
        else if (workload.Kind == WorkloadKind.Job)
        {
            await client.BatchV1.PatchNamespacedJobAsync(patch, workload.Name, workload.Namespace, fieldManager: WellKnown.FieldManagers.Cli, cancellationToken: cancellationToken);
        }
        else if (workload.Kind == WorkloadKind.Rollout)
        {
            await PatchRolloutAsync(workload, patch, cancellationToken);
        }
        else
        {
            throw WorkloadKind.NotHandled(workload.Kind, nameof(PatchAsync));
        }
    }

    /// <summary>
    /// The data of Tarnfui's configuration ConfigMap in <paramref name="namespace"/>, or null when there is none or it
    /// cannot be read. kustomize's configMapGenerator appends a content hash to the name, so the newest ConfigMap named
    /// <c>tarnfui-config</c> or <c>tarnfui-config-&lt;hash&gt;</c> is taken.
    /// </summary>
    public async Task<(string Name, IReadOnlyDictionary<string, string> Data)?> ReadConfigurationAsync(string @namespace, CancellationToken cancellationToken)
    {
        try
        {
            var list = await client.CoreV1.ListNamespacedConfigMapAsync(@namespace, cancellationToken: cancellationToken);
            var newest = list.Items
                .Where(c => c.Metadata?.Name is { } name
                    && (name == WellKnown.Objects.ConfigMap || name.StartsWith(WellKnown.Objects.ConfigMap + "-", StringComparison.Ordinal)))
                .OrderByDescending(c => c.Metadata.CreationTimestamp ?? DateTime.MinValue)
                .FirstOrDefault();
            return newest is null
                ? null
                : (newest.Metadata.Name, newest.Data is { } data ? new Dictionary<string, string>(data, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // No Tarnfui installed here, a cluster (or emulator) without ConfigMaps, or a user not allowed to read
            // them: the flags and the programs' defaults apply, and the output says so.
            return null;
        }
    }
}

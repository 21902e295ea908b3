using System.Text.Json;
using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Keda;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Workloads;

/// <summary>
/// What the cluster commands read of a KEDA ScaledObject: the workload it scales, its pause and Tarnfui's record.
/// </summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">Its uid, which every patch tests.</param>
/// <param name="Target">The workload its <c>scaleTargetRef</c> names, or null for a kind Tarnfui does not scale through a count.</param>
/// <param name="Annotations">Its annotations (null: it has none).</param>
/// <param name="Labels">Its labels (null: it has none).</param>
internal sealed record ScaledObject(
    string Namespace, string Name, string Uid, WorkloadRef? Target, IReadOnlyDictionary<string, string>? Annotations, IReadOnlyDictionary<string, string>? Labels)
{
    /// <summary>Its <c>paused-replicas</c> now, verbatim, or null.</summary>
    public string? PausedNow => Annotations?.GetValueOrDefault(WellKnown.Keda.PausedReplicas);

    /// <summary>Tarnfui's pause record on it, as read.</summary>
    public ParseResult<ScaledObjectRecord?> Record => ScaledObjectRecord.Read(Annotations);

    /// <summary>Whether it carries Tarnfui's record or <c>stopped</c> label: Tarnfui holds it paused.</summary>
    public bool Held => Record is not { IsValid: true, Value: null } || Labels?.ContainsKey(WellKnown.Labels.Stopped) == true;

    /// <summary>Reads one from the custom-object API's JSON (kind and apiVersion of the target default as KEDA defaults them).</summary>
    public static ScaledObject From(JsonElement item)
    {
        var metadata = item.TryGetProperty("metadata", out var meta) ? KubernetesJson.Deserialize<V1ObjectMeta>(meta.GetRawText()) : new V1ObjectMeta();
        var ns = metadata.NamespaceProperty ?? string.Empty;
        WorkloadRef? target = null;
        if (item.TryGetProperty("spec", out var spec) && spec.TryGetProperty("scaleTargetRef", out var reference)
            && Text(reference, "name") is { Length: > 0 } name
            && WorkloadKind.FindByOwner(Text(reference, "apiVersion") ?? "apps/v1", Text(reference, "kind") ?? "Deployment") is { Stop: StopMethod.Replicas } kind)
        {
            target = new WorkloadRef(kind, ns, name);
        }

        return new ScaledObject(ns, metadata.Name ?? string.Empty, metadata.Uid ?? string.Empty, target, Copy(metadata.Annotations), Copy(metadata.Labels));
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string>? Copy(IDictionary<string, string>? map) =>
        map is null ? null : new Dictionary<string, string>(map, StringComparer.Ordinal);
}

using System.Text.Json;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// What a <c>/scale</c> decision needs from the Deployment or StatefulSet behind the Scale, whose body carries
/// no annotations.
/// </summary>
/// <param name="Annotations">The workload's annotations (null when it has none).</param>
/// <param name="OperatorOwned">Whether its own ownerReferences name a controller.</param>
/// <param name="Replicas">Its current <c>spec.replicas</c>.</param>
/// <param name="Labels">Its labels (null when it has none).</param>
internal sealed record ParentWorkload(IReadOnlyDictionary<string, string>? Annotations, bool OperatorOwned, int? Replicas, IReadOnlyDictionary<string, string>? Labels = null)
{
    /// <summary>Whether it carries Tarnfui's stop record: <see cref="StopMarks.IsStopped"/>.</summary>
    public bool Stopped => StopMarks.IsStopped(Annotations, Labels);

    /// <summary>
    /// Reads what a decision needs from the workload as the API server returns it (a Deployment, a StatefulSet, a
    /// Rollout): its metadata's annotations, labels and controller owner, and <c>spec.replicas</c>. The rest of the object
    /// is not read.
    /// </summary>
    /// <exception cref="JsonException">Its metadata, a map, or an owner is not of the type Kubernetes gives it.</exception>
    public static ParentWorkload FromObject(JsonElement workload)
    {
        var metadata = Member(workload, "metadata", JsonValueKind.Object);
        var spec = Member(workload, "spec", JsonValueKind.Object);
        var replicas = spec is { } s && s.TryGetProperty("replicas", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : (int?)null;
        return new ParentWorkload(Map(metadata, "annotations"), HasController(metadata), replicas, Map(metadata, "labels"));
    }

    private static JsonElement? Member(JsonElement? parent, string name, JsonValueKind kind)
    {
        if (parent is not { } value || !value.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return member.ValueKind == kind ? member : throw new JsonException($"{name} must be {kind}, not {member.ValueKind}");
    }

    private static Dictionary<string, string>? Map(JsonElement? metadata, string name)
    {
        if (Member(metadata, name, JsonValueKind.Object) is not { } map)
        {
            return null;
        }

        var entries = new Dictionary<string, string>();
        foreach (var entry in map.EnumerateObject())
        {
            entries[entry.Name] = entry.Value.ValueKind == JsonValueKind.String
                ? entry.Value.GetString()!
                : throw new JsonException($"metadata.{name}[\"{entry.Name}\"] must be a string, not {entry.Value.ValueKind}");
        }

        return entries;
    }

    // An operator's workload names its controller among its ownerReferences; other owners do not make it one.
    private static bool HasController(JsonElement? metadata)
    {
        if (Member(metadata, "ownerReferences", JsonValueKind.Array) is not { } owners)
        {
            return false;
        }

        foreach (var owner in owners.EnumerateArray())
        {
            if (owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty("controller", out var controller) && controller.ValueKind == JsonValueKind.True)
            {
                return true;
            }
        }

        return false;
    }
}

using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Api.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for the fields Tarnfui, kubectl and its
/// tests touch: maps merge (null deletes), lists with a merge key in the Kubernetes types (<c>containers</c> by
/// <c>name</c>, <c>volumeMounts</c> by <c>mountPath</c>, ...) merge by that key, other lists replace. The directives
/// kubectl sends are honoured: <c>$patch: replace|delete|merge</c>, <c>$retainKeys</c>, <c>$setElementOrder/…</c>
/// (reorders), <c>$deleteFromPrimitiveList/…</c>.
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    // patchMergeKey of the Kubernetes API types, by field name (the names do not collide in the types served here).
    private static readonly Dictionary<string, string> MergeKeys = new()
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["imagePullSecrets"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["ports"] = "containerPort",
        ["hostAliases"] = "ip",
        ["ownerReferences"] = "uid",
        ["conditions"] = "type",
        ["topologySpreadConstraints"] = "topologyKey",
        ["resourceClaims"] = "name",
    };

    // Lists of scalars whose patchStrategy is merge (set union) rather than replace.
    private static readonly HashSet<string> MergedPrimitiveLists = ["finalizers"];

    public static JsonNode Apply(JsonNode target, JsonNode patch) =>
        patch is JsonObject patchObject && target is JsonObject targetObject
            ? MergeObject(targetObject.DeepClone().AsObject(), patchObject)
            : throw Store.StatusException.BadRequest("strategic merge patch must be a JSON object");

    private static JsonObject MergeObject(JsonObject target, JsonObject patch)
    {
        switch ((string?)patch[PatchDirective])
        {
            case "replace":
                var replaced = patch.DeepClone().AsObject();
                replaced.Remove(PatchDirective);
                return replaced;
            case "delete":
                return [];
        }

        var orders = new Dictionary<string, JsonArray>();
        foreach (var (key, value) in patch)
        {
            if (key == PatchDirective || key == RetainKeys)
            {
                continue;
            }

            if (key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                if (value is JsonArray order)
                {
                    orders[key[SetElementOrder.Length..]] = order;
                }

                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                if (target[key[DeleteFromPrimitiveList.Length..]] is JsonArray list && value is JsonArray doomed)
                {
                    foreach (var item in list.Where(i => doomed.Any(d => JsonNode.DeepEquals(d, i))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject childPatch)
            {
                if ((string?)childPatch[PatchDirective] == "delete")
                {
                    target.Remove(key);
                }
                else
                {
                    target[key] = MergeObject(target[key] as JsonObject ?? [], childPatch);
                }
            }
            else if (value is JsonArray listPatch)
            {
                target[key] = MergeList(key, target[key] as JsonArray, listPatch);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }

        if (patch[RetainKeys] is JsonArray retained)
        {
            var keep = retained.Select(k => (string?)k).ToHashSet();
            foreach (var key in target.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }

        foreach (var (list, order) in orders)
        {
            if (target[list] is JsonArray items && MergeKeys.TryGetValue(list, out var mergeKey))
            {
                target[list] = Reorder(items, order, mergeKey);
            }
        }

        return target;
    }

    private static JsonArray MergeList(string field, JsonArray? target, JsonArray patch)
    {
        if (patch.Any(i => i is JsonObject o && (string?)o[PatchDirective] == "replace"))
        {
            return new JsonArray(patch.Where(i => !(i is JsonObject o && o.ContainsKey(PatchDirective))).Select(i => i?.DeepClone()).ToArray());
        }

        if (MergedPrimitiveLists.Contains(field))
        {
            var union = target?.DeepClone().AsArray() ?? [];
            foreach (var item in patch.Where(i => !union.Any(u => JsonNode.DeepEquals(u, i))))
            {
                union.Add(item?.DeepClone());
            }

            return union;
        }

        if (!MergeKeys.TryGetValue(field, out var mergeKey) || target is null)
        {
            return new JsonArray(patch.Where(i => !(i is JsonObject o && (string?)o[PatchDirective] == "delete")).Select(i => i?.DeepClone()).ToArray());
        }

        var result = target.DeepClone().AsArray();
        foreach (var item in patch)
        {
            if (item is not JsonObject itemPatch)
            {
                continue;
            }

            var key = itemPatch[mergeKey];
            var existing = result.FirstOrDefault(r => r is JsonObject ro && JsonNode.DeepEquals(ro[mergeKey], key));
            if ((string?)itemPatch[PatchDirective] == "delete")
            {
                if (existing is not null)
                {
                    result.Remove(existing);
                }
            }
            else if (existing is JsonObject existingObject)
            {
                result[result.IndexOf(existingObject)] = MergeObject(existingObject.DeepClone().AsObject(), itemPatch);
            }
            else
            {
                result.Add(MergeObject([], itemPatch));
            }
        }

        return result;
    }

    private static JsonArray Reorder(JsonArray items, JsonArray order, string mergeKey)
    {
        var ordered = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var match = items.FirstOrDefault(i => i is JsonObject o && JsonNode.DeepEquals(o[mergeKey], wanted?[mergeKey]));
            if (match is not null && !ordered.Contains(match))
            {
                ordered.Add(match);
            }
        }

        ordered.AddRange(items.Where(i => !ordered.Contains(i)));
        return new JsonArray(ordered.Select(i => i?.DeepClone()).ToArray());
    }
}

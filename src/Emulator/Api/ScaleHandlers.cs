using System.Text.Json;
using System.Text.Json.Nodes;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Api.Crds;
using Tarnfui.Emulator.Api.Patching;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>
/// The <c>/scale</c> subresource: an <c>autoscaling/v1 Scale</c> view of a workload's replicas (GET, PUT, PATCH).
/// Writes go through admission as an UPDATE of kind Scale with subresource <c>scale</c> (how kubectl scale and
/// the HPA reach a webhook); the admitted Scale's spec.replicas is then written to the parent. Only a resourceVersion
/// the request itself sets is a precondition; without one, a write that lands meanwhile makes the request start over
/// on the new state instead of failing with 409.
/// </summary>
public static class ScaleHandlers
{
    private const string ScaleApiVersion = "autoscaling/v1";
    private const string ScaleKind = "Scale";
    private const int MaxAttempts = 16;

    public static async Task HandleAsync(HttpContext context, ObjectStore store, RequestTarget target)
    {
        switch (context.Request.Method)
        {
            case "GET":
                await WriteScaleAsync(context, ScaleOf(store.GetRequired(target.Type, target.Namespace, target.Name!)));
                break;
            case "PUT":
                var sent = await RequestOptions.ReadObjectAsync(context.Request, target.Type, ScaleKind, ScaleApiVersion);
                if (target.Type.Namespaced && sent["metadata"] is JsonObject sentMetadata && sentMetadata["namespace"] is null)
                {
                    // As the update handler's EnsureObjectNamespaceMatchesRequestNamespace does: admission sees the namespace.
                    sentMetadata["namespace"] = target.Namespace;
                }

                await WriteAsync(context, store, target, _ => sent.DeepClone().AsObject());
                break;
            case "PATCH":
                var body = await WriteHandlers.ReadBodyAsync(context.Request);
                await WriteAsync(context, store, target, current => PatchApplier.Apply(context.Request.ContentType, current, body));
                break;
            default:
                throw StatusException.MethodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    /// <summary>
    /// The Scale of a workload: spec.replicas, status.replicas and the selector as a string; for a custom resource,
    /// the values at the paths its CRD declares (the selector is already a string there).
    /// </summary>
    public static JsonObject ScaleOf(StoredObject parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var obj = parent.ToJsonObject();
        var metadata = obj["metadata"]!;
        var paths = parent.Type.Custom?.Scale;
        return new JsonObject
        {
            ["kind"] = ScaleKind,
            ["apiVersion"] = ScaleApiVersion,
            ["metadata"] = new JsonObject
            {
                ["name"] = parent.Name,
                ["namespace"] = parent.Namespace,
                ["uid"] = parent.Uid,
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = StoreJson.WholeNumber(JsonFieldPath.Get(obj, paths?.SpecReplicas ?? ".spec.replicas")) ?? 0 },
            ["status"] = new JsonObject
            {
                ["replicas"] = StoreJson.WholeNumber(JsonFieldPath.Get(obj, paths?.StatusReplicas ?? ".status.replicas")) ?? 0,
                ["selector"] = paths is null ? SelectorString(obj["spec"]?["selector"])
                    : paths.LabelSelector is { } selectorPath ? (string?)(JsonFieldPath.Get(obj, selectorPath) as JsonValue) ?? "" : "",
            },
        };
    }

    private static async Task WriteAsync(HttpContext context, ObjectStore store, RequestTarget target, Func<JsonObject, JsonObject> change)
    {
        var options = RequestOptions.From(context.Request);
        for (var attempt = 1; ; attempt++)
        {
            var parent = store.GetRequired(target.Type, target.Namespace, target.Name!);
            var oldScale = ScaleOf(parent);
            var scale = change(oldScale.DeepClone().AsObject());

            // The Scale changed carries the parent's resourceVersion, so only one the request set (a PUT's body, a patch
            // that writes metadata.resourceVersion) can differ here: kube-apiserver's registry copies it to the parent
            // (scaleUpdatedObjectInfo) and its Store.Update refuses it unless it is the stored one.
            if (RequestOptions.ResourceVersionOf(scale) is { } rv && rv != parent.ResourceVersion)
            {
                throw StatusException.Conflict(target.Type, target.Name!);
            }

            var admitted = await AdmissionRunner.AdmitAsync(context,
                AdmissionRunner.For(context, AdmissionAttributes.Update, target, target.Name!, scale, oldScale, options) with
                {
                    SubResource = "scale",
                    Kind = new GroupVersionKind("autoscaling", "v1", ScaleKind),
                });
            var replicas = StoreJson.WholeNumber(admitted?["spec"]?["replicas"])
                ?? throw StatusException.Invalid(target.Type, target.Name!, "spec.replicas", "Required value");
            if (replicas < 0)
            {
                throw new StatusException(422, "Invalid", $"Scale.autoscaling \"{target.Name}\" is invalid: spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0",
                    target.Name, "autoscaling", ScaleKind);
            }

            var updated = parent.ToJsonObject();
            JsonFieldPath.Set(updated, target.Type.Custom?.Scale?.SpecReplicas ?? ".spec.replicas", replicas);
            try
            {
                var stored = store.Update(target.Type, updated, parent.ResourceVersion, options.DryRun);
                await WriteScaleAsync(context, ScaleOf(stored));
                return;
            }
            catch (StatusException e) when (e.Reason == "Conflict" && attempt < MaxAttempts)
            {
                // A write to the parent landed since this attempt read it (a controller's status write during the webhook
                // call): start over on the new state, as GuaranteedUpdate runs the patch and admission again. A request
                // that set a resourceVersion then fails the check above.
            }
        }
    }

    private static async Task WriteScaleAsync(HttpContext context, JsonObject scale)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, StoreJson.WriterOptions);
        scale.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>A LabelSelector as the string form metav1.LabelSelectorAsSelector prints (requirements sorted by key).</summary>
    public static string SelectorString(JsonNode? selector)
    {
        var parts = new List<(string Key, string Text)>();
        if (selector?["matchLabels"] is JsonObject labels)
        {
            parts.AddRange(labels.Select(l => (l.Key, $"{l.Key}={l.Value}")));
        }

        if (selector?["matchExpressions"] is JsonArray expressions)
        {
            foreach (var expression in expressions.OfType<JsonObject>())
            {
                var key = (string?)expression["key"] ?? "";
                var values = (expression["values"] as JsonArray ?? []).Select(v => (string?)v).Order(StringComparer.Ordinal);
                parts.Add((key, (string?)expression["operator"] switch
                {
                    "In" => $"{key} in ({string.Join(',', values)})",
                    "NotIn" => $"{key} notin ({string.Join(',', values)})",
                    "DoesNotExist" => $"!{key}",
                    _ => key,
                }));
            }
        }

        return string.Join(',', parts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Text));
    }
}

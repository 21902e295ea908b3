using System.Text.Json.Nodes;
using k8s.Models;
using Tarnfui.Emulator.Api.Patching;

namespace Tarnfui.Emulator.Admission;

/// <summary>
/// Mutating admission as kube-apiserver runs it: configurations sorted by name, webhooks in order, each
/// seeing the object the previous ones patched; rules, namespaceSelector, objectSelector and matchConditions
/// decide who is called; a denial stops the chain; a failing call stops it under <c>failurePolicy: Fail</c>
/// (the default) and is skipped under <c>Ignore</c>. <c>reinvocationPolicy: IfNeeded</c> is not emulated.
/// </summary>
public sealed class MutatingAdmission(IAdmissionSource source, WebhookClient client, ILogger<MutatingAdmission> logger) : IAdmissionStep
{
    /// <summary>The label every namespace carries with its own name (set by the API server since 1.21).</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>Runs every matching webhook on <paramref name="attributes"/>.</summary>
    public async Task<AdmissionResult> AdmitAsync(AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var current = attributes.NewObject?.DeepClone();
        var warnings = new List<string>();
        IDictionary<string, string>? namespaceLabels = null;
        foreach (var configuration in source.MutatingWebhookConfigurations().OrderBy(c => c.Metadata?.Name, StringComparer.Ordinal))
        {
            foreach (var webhook in configuration.Webhooks ?? [])
            {
                if (!WebhookRules.Match(webhook.Rules, attributes))
                {
                    continue;
                }

                if (webhook.NamespaceSelector is not null && !string.IsNullOrEmpty(attributes.Namespace))
                {
                    namespaceLabels ??= LabelsOf(attributes.Namespace);
                    if (!LabelSelectorMatcher.Matches(webhook.NamespaceSelector, namespaceLabels))
                    {
                        continue;
                    }
                }

                if (!MatchesObject(webhook.ObjectSelector, current, attributes.OldObject))
                {
                    continue;
                }

                var uid = Guid.NewGuid().ToString();
                var review = AdmissionReviewRequest.Build(attributes, uid, current);
                var (call, conditionError) = MatchConditions.Evaluate(webhook.MatchConditions, review["request"]!.AsObject(), current, attributes.OldObject);
                if (!call)
                {
                    continue;
                }

                string? error = conditionError;
                JsonObject? response = null;
                if (error is null)
                {
                    (response, error) = await client.CallAsync(webhook, review, cancellationToken);
                }

                if (response is not null)
                {
                    warnings.AddRange((response["warnings"] as JsonArray ?? []).Select(w => (w as JsonValue)?.GetValue<string>()).OfType<string>());
                    if (response["allowed"] is not JsonValue allowed || !allowed.GetValue<bool>())
                    {
                        Log.WebhookDenied(logger, webhook.Name, attributes.Operation, attributes.Resource.Resource, attributes.Namespace, attributes.Name);
                        return Denial(webhook.Name, response["status"] as JsonObject, warnings);
                    }

                    (current, error) = ApplyPatch(response, current);
                    if (error is null)
                    {
                        continue;
                    }
                }

                if (webhook.FailurePolicy == "Ignore")
                {
                    Log.WebhookFailedIgnored(logger, webhook.Name, error!);
                    continue;
                }

                Log.WebhookFailedRejected(logger, webhook.Name, error!);
                return new AdmissionResult.Rejected(500, $"Internal error occurred: failed calling webhook \"{webhook.Name}\": {error}", warnings);
            }
        }

        return new AdmissionResult.Admitted(current, warnings);
    }

    private Dictionary<string, string> LabelsOf(string ns)
    {
        // Every namespace carries its own name as a label; add it for stores that do not write it.
        var labels = new Dictionary<string, string>(source.NamespaceLabels(ns) ?? new Dictionary<string, string>())
        {
            [NamespaceNameLabel] = ns,
        };
        return labels;
    }

    // The object selector matches when either the new or the old object's labels match (DELETE has only the old).
    private static bool MatchesObject(V1LabelSelector? selector, JsonNode? current, JsonNode? old)
    {
        if (selector is null)
        {
            return true;
        }

        return (current is not null && LabelSelectorMatcher.Matches(selector, LabelsOf(current)))
            || (old is not null && LabelSelectorMatcher.Matches(selector, LabelsOf(old)));
    }

    private static Dictionary<string, string> LabelsOf(JsonNode node) =>
        (node["metadata"]?["labels"] as JsonObject ?? [])
            .Where(p => p.Value is JsonValue)
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    private static (JsonNode? Object, string? Error) ApplyPatch(JsonObject response, JsonNode? current)
    {
        if (response["patch"] is not JsonValue patchValue)
        {
            return (current, null);
        }

        if ((response["patchType"] as JsonValue)?.GetValue<string>() != "JSONPatch")
        {
            return (current, $"unsupported patch type \"{response["patchType"]}\"");
        }

        JsonArray? operations;
        try
        {
            operations = JsonNode.Parse(Convert.FromBase64String(patchValue.GetValue<string>())) as JsonArray;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return (current, $"the patch is not base64 JSON: {ex.Message}");
        }

        if (operations is null)
        {
            return (current, "the patch is not a JSON array");
        }

        var patched = JsonPatch.Apply(current, operations);
        return patched.IsValid ? (patched.Value, null) : (current, "JSON patch failed: " + patched.Error);
    }

    // kube-apiserver's webhookerrors.ToStatusErr: a code below 400 becomes 400, the message is prefixed.
    private static AdmissionResult.Rejected Denial(string name, JsonObject? status, List<string> warnings)
    {
        var code = (status?["code"] as JsonValue)?.GetValue<int>() ?? 0;
        var reason = (status?["reason"] as JsonValue)?.GetValue<string>() ?? "";
        var message = (status?["message"] as JsonValue)?.GetValue<string>() ?? "";
        var deniedBy = $"admission webhook \"{name}\" denied the request";
        var text = message.Length > 0 ? $"{deniedBy}: {message}" : reason.Length > 0 ? $"{deniedBy}: {reason}" : $"{deniedBy} without explanation";
        return new AdmissionResult.Rejected(code < 400 ? 400 : code, text, warnings);
    }
}

using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Admission;

/// <summary>Builds the <c>admission.k8s.io/v1</c> AdmissionReview body the API server POSTs to a webhook.</summary>
public static class AdmissionReviewRequest
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string Kind = "AdmissionReview";

    /// <summary>The review for <paramref name="attributes"/>, with a fresh <paramref name="uid"/> and <paramref name="current"/> as the object.</summary>
    public static JsonObject Build(AdmissionAttributes attributes, string uid, JsonNode? current)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var kind = KindNode(attributes.Kind);
        var resource = ResourceNode(attributes.Resource);
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = kind,
            ["resource"] = resource,
            // Only one version of each resource is served, so what was asked for is what is sent.
            ["requestKind"] = kind.DeepClone(),
            ["requestResource"] = resource.DeepClone(),
        };
        if (attributes.SubResource.Length > 0)
        {
            request["subResource"] = attributes.SubResource;
            request["requestSubResource"] = attributes.SubResource;
        }

        if (!string.IsNullOrEmpty(attributes.Name))
        {
            request["name"] = attributes.Name;
        }

        if (!string.IsNullOrEmpty(attributes.Namespace))
        {
            request["namespace"] = attributes.Namespace;
        }

        request["operation"] = attributes.Operation;
        var user = new JsonObject { ["username"] = attributes.User.Username };
        if (attributes.User.Uid is not null)
        {
            user["uid"] = attributes.User.Uid;
        }

        user["groups"] = new JsonArray(attributes.User.Groups.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray());
        request["userInfo"] = user;
        request["object"] = current?.DeepClone();
        request["oldObject"] = attributes.OldObject?.DeepClone();
        request["dryRun"] = attributes.DryRun;
        request["options"] = attributes.Options?.DeepClone();
        return new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = Kind, ["request"] = request };
    }

    private static JsonObject KindNode(GroupVersionKind kind) =>
        new() { ["group"] = kind.Group, ["version"] = kind.Version, ["kind"] = kind.Kind };

    private static JsonObject ResourceNode(GroupVersionResource resource) =>
        new() { ["group"] = resource.Group, ["version"] = resource.Version, ["resource"] = resource.Resource };
}

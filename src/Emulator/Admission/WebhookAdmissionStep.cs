using System.Text.Json.Nodes;
using Tarnfui.Emulator.Api;

namespace Tarnfui.Emulator.Admission;

/// <summary>The API's admission hook answered by <see cref="MutatingAdmission"/>: registered webhooks are called for every write.</summary>
public sealed class WebhookAdmissionStep(MutatingAdmission admission) : IAdmissionStep
{
    public async Task<Api.AdmissionResult> AdmitAsync(Api.AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var result = await admission.AdmitAsync(Translate(attributes), cancellationToken);
        return result switch
        {
            AdmissionResult.Admitted admitted => Api.AdmissionResult.Allow(admitted.FinalObject as JsonObject, admitted.Warnings),
            AdmissionResult.Rejected rejected => Api.AdmissionResult.Deny(rejected.Message, rejected.Code, rejected.Warnings),
            _ => throw new InvalidOperationException($"unknown admission result {result}"),
        };
    }

    /// <summary>The API's view of a write as an AdmissionReview request describes it.</summary>
    public static AdmissionAttributes Translate(Api.AdmissionAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var user = attributes.UserInfo;
        return new AdmissionAttributes
        {
            Operation = attributes.Operation,
            Resource = new GroupVersionResource(attributes.Resource.Group, attributes.Resource.Version, attributes.Resource.Plural),
            SubResource = attributes.Subresource ?? "",
            Kind = new GroupVersionKind(attributes.KindGroup, attributes.KindVersion, attributes.Kind),
            Namespace = attributes.Namespace,
            Name = attributes.Name,
            NewObject = attributes.NewObject,
            OldObject = attributes.OldObject,
            User = new AdmissionUser(user.Username, user.Groups, string.IsNullOrEmpty(user.Uid) ? null : user.Uid),
            DryRun = attributes.DryRun,
            Options = Options(attributes.Operation, attributes.DryRun),
        };
    }

    // The options object kube-apiserver puts in the review: CreateOptions, UpdateOptions or DeleteOptions.
    private static JsonObject Options(string operation, bool dryRun)
    {
        var kind = operation switch
        {
            Api.AdmissionAttributes.Create => "CreateOptions",
            Api.AdmissionAttributes.Delete => "DeleteOptions",
            _ => "UpdateOptions",
        };
        var options = new JsonObject { ["kind"] = kind, ["apiVersion"] = "meta.k8s.io/v1" };
        if (dryRun)
        {
            options["dryRun"] = new JsonArray("All");
        }

        return options;
    }
}

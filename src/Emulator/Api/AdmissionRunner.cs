using System.Text.Json.Nodes;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>Runs the registered <see cref="IAdmissionStep"/> for a write and turns its answer into HTTP: warnings become Warning headers, a denial a Status.</summary>
public static class AdmissionRunner
{
    /// <summary>Admits a write and returns the object to store (possibly mutated); a denial throws.</summary>
    public static async Task<JsonObject?> AdmitAsync(HttpContext context, AdmissionAttributes attributes)
    {
        var step = context.RequestServices.GetRequiredService<IAdmissionStep>();
        var result = await step.AdmitAsync(attributes, context.RequestAborted);
        foreach (var warning in result.Warnings)
        {
            ApiResponses.AddWarning(context.Response, warning);
        }

        return result switch
        {
            AdmissionResult.Admitted admitted => admitted.FinalObject as JsonObject,
            AdmissionResult.Rejected rejected => throw new StatusException(rejected.Code, ReasonOf(rejected.Code), rejected.Message),
            _ => throw new InvalidOperationException($"unknown admission result {result}"),
        };
    }

    /// <summary>Attributes of a write to a main resource or its /status, with the object's own kind.</summary>
    public static AdmissionAttributes For(HttpContext context, string operation, RequestTarget target, string name,
        JsonObject? obj, JsonObject? oldObject, RequestOptions options) => new()
        {
            Operation = operation,
            Resource = new GroupVersionResource(target.Type.Group, target.Type.Version, target.Type.Plural),
            SubResource = target.Subresource ?? "",
            Kind = new GroupVersionKind(target.Type.Group, target.Type.Version, target.Type.Kind),
            Namespace = target.Namespace,
            Name = name,
            NewObject = obj,
            OldObject = oldObject,
            User = Authentication.User(context),
            DryRun = options.DryRun,
            Options = OperationOptions(operation, options.DryRun),
        };

    // The options object kube-apiserver puts in the review: CreateOptions, UpdateOptions or DeleteOptions.
    private static JsonObject OperationOptions(string operation, bool dryRun)
    {
        var kind = operation switch
        {
            AdmissionAttributes.Create => "CreateOptions",
            AdmissionAttributes.Delete => "DeleteOptions",
            _ => "UpdateOptions",
        };
        var options = new JsonObject { ["kind"] = kind, ["apiVersion"] = "meta.k8s.io/v1" };
        if (dryRun)
        {
            options["dryRun"] = new JsonArray("All");
        }

        return options;
    }

    private static string ReasonOf(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        404 => "NotFound",
        409 => "Conflict",
        422 => "Invalid",
        429 => "TooManyRequests",
        >= 500 => "InternalError",
        _ => "Forbidden",
    };
}

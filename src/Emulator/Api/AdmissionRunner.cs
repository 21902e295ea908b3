using System.Text.Json.Nodes;
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

        if (!result.Allowed)
        {
            throw new StatusException(result.Code, ReasonOf(result.Code), result.Message ?? "admission denied the request");
        }

        return result.Admitted;
    }

    /// <summary>Attributes of a write to a main resource or its /status.</summary>
    public static AdmissionAttributes For(HttpContext context, string operation, RequestTarget target, string name,
        JsonObject? obj, JsonObject? oldObject, RequestOptions options) =>
        new(operation, target.Type, target.Subresource, target.Type.Group, target.Type.Version, target.Type.Kind,
            target.Namespace, name, obj, oldObject, Authentication.User(context), options.DryRun);

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

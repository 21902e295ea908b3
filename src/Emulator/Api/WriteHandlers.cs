using System.Text.Json.Nodes;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Api.Patching;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>
/// CREATE, UPDATE, PATCH and DELETE of a main resource or its <c>/status</c>: decode, validate fields, default,
/// admit, store. A <c>metadata.resourceVersion</c> in the body or the patch is a precondition (409 when stale);
/// a patch without one is retried on a concurrent write, as kube-apiserver's GuaranteedUpdate does.
/// </summary>
public static class WriteHandlers
{
    private const int MaxPatchAttempts = 16;

    public static async Task CreateAsync(HttpContext context, ObjectStore store, RequestTarget target)
    {
        var type = target.Type;
        var options = RequestOptions.From(context.Request);
        var obj = await RequestOptions.ReadObjectAsync(context.Request, type, type.Kind, type.ApiVersion);
        var metadata = obj["metadata"]!.AsObject();
        if (type.Namespaced)
        {
            if ((string?)metadata["namespace"] is { Length: > 0 } sent && sent != target.Namespace)
            {
                throw StatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = target.Namespace;
        }

        await CreateObjectAsync(context, store, target, obj, options);
    }

    // Validation, defaulting, admission and storage of a new object, from a POST or a server-side apply.
    private static async Task CreateObjectAsync(HttpContext context, ObjectStore store, RequestTarget target, JsonObject obj, RequestOptions options)
    {
        var type = target.Type;
        FieldValidation.Check(context.Response, options, type, obj);
        Normalize(type, obj);
        var admitted = await AdmissionRunner.AdmitAsync(context,
            AdmissionRunner.For(context, AdmissionAttributes.Create, target, (string?)obj["metadata"]?["name"] ?? "", obj, null, options));
        var stored = store.Create(type, admitted!, options.DryRun);
        AfterWrite(context, store, stored, options);
        await ApiResponses.WriteObjectAsync(context, Crds.ServedVersion.Of(stored, target.Type), OutputFormat.Full, StatusCodes.Status201Created);
    }

    // Decoding-time changes: pruning of a custom resource's unknown fields, then the type's defaults.
    private static void Normalize(ResourceType type, JsonObject obj)
    {
        if (type.Custom is { } custom)
        {
            Crds.CrdSchemaPruning.Prune(custom, obj);
        }
        else if (type == ResourceTypes.CustomResourceDefinitions)
        {
            Crds.CrdDefinition.Validate(obj);
        }

        ObjectDefaults.Apply(type, obj);
    }

    // A written CustomResourceDefinition is served (or stops being served) before the client hears back.
    private static void AfterWrite(HttpContext context, ObjectStore store, StoredObject written, RequestOptions options)
    {
        if (written.Type == ResourceTypes.CustomResourceDefinitions && !options.DryRun)
        {
            Crds.CrdRegistration.Reconcile(store, written.Name, context.RequestServices.GetRequiredService<NodaTime.IClock>().GetCurrentInstant());
        }
    }

    public static async Task UpdateAsync(HttpContext context, ObjectStore store, RequestTarget target)
    {
        var type = target.Type;
        var options = RequestOptions.From(context.Request);
        var obj = await RequestOptions.ReadObjectAsync(context.Request, type, type.Kind, type.ApiVersion);
        var metadata = obj["metadata"]!.AsObject();
        if ((string?)metadata["name"] is { } sentName && sentName != target.Name)
        {
            throw StatusException.BadRequest($"the name of the object ({sentName}) does not match the name on the URL ({target.Name})");
        }

        metadata["name"] = target.Name;
        if (type.Namespaced)
        {
            metadata["namespace"] = target.Namespace;
        }

        var expected = RequestOptions.ResourceVersionOf(obj);
        var current = store.GetRequired(type, target.Namespace, target.Name!);
        if (expected is { } rv && rv != current.ResourceVersion)
        {
            throw StatusException.Conflict(type, target.Name!);
        }

        FieldValidation.Check(context.Response, options, type, obj);
        var stored = await AdmitAndStoreAsync(context, store, target, current, obj, expected, options);
        await ApiResponses.WriteObjectAsync(context, Crds.ServedVersion.Of(stored, target.Type), OutputFormat.Full);
    }

    public static async Task PatchAsync(HttpContext context, ObjectStore store, RequestTarget target)
    {
        var options = RequestOptions.From(context.Request);
        var body = await ReadBodyAsync(context.Request);
        var custom = target.Type.IsCustom;
        for (var attempt = 1; ; attempt++)
        {
            var current = store.Get(target.Type, target.Namespace, target.Name!);
            if (current is null && target.Subresource is null && PatchApplier.IsApply(context.Request.ContentType))
            {
                // Server-side apply of an object that does not exist creates it.
                await CreateObjectAsync(context, store, target, ApplyTarget(target, PatchApplier.Apply(context.Request.ContentType, [], body, custom)), options);
                return;
            }

            current ??= store.GetRequired(target.Type, target.Namespace, target.Name!);
            // The patch speaks the version of the URL, whatever the storage keeps.
            var patched = PatchApplier.Apply(context.Request.ContentType, Crds.ServedVersion.Of(current, target.Type).ToJsonObject(), body, custom);
            var expected = RequestOptions.ResourceVersionOf(patched);
            if (expected != current.ResourceVersion)
            {
                // The patch carried a resourceVersion of its own (or removed it): it is a precondition.
                throw StatusException.Conflict(target.Type, target.Name!);
            }

            FieldValidation.Check(context.Response, options, target.Type, patched);
            try
            {
                var stored = await AdmitAndStoreAsync(context, store, target, current, patched, expected, options);
                await ApiResponses.WriteObjectAsync(context, Crds.ServedVersion.Of(stored, target.Type), OutputFormat.Full);
                return;
            }
            catch (StatusException e) when (e.Reason == "Conflict" && attempt < MaxPatchAttempts
                && store.Get(target.Type, target.Namespace, target.Name!)?.ResourceVersion != current.ResourceVersion)
            {
                // Someone wrote between our read and our write: apply the patch again to the new state (a patch that
                // carries a resourceVersion then fails its precondition above).
            }
        }
    }

    public static async Task DeleteAsync(HttpContext context, ObjectStore store, RequestTarget target)
    {
        var options = RequestOptions.From(context.Request);
        var current = store.GetRequired(target.Type, target.Namespace, target.Name!);
        long? expected = null;
        var body = await ReadBodyAsync(context.Request);
        if (body.Length > 0 && ParseDeleteOptions(body, context.Request.ContentType) is { } deleteOptions)
        {
            // DeleteOptions: preconditions are honoured, propagationPolicy and grace periods are accepted (deletion is immediate).
            var preconditionVersion = (string?)deleteOptions["preconditions"]?["resourceVersion"];
            expected = preconditionVersion is not { Length: > 0 } ? null
                : long.TryParse(preconditionVersion, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rv) ? rv
                : throw StatusException.BadRequest($"invalid precondition resourceVersion \"{preconditionVersion}\"");
            if ((string?)deleteOptions["preconditions"]?["uid"] is { Length: > 0 } uid && uid != current.Uid)
            {
                throw new StatusException(409, "Conflict",
                    $"Operation cannot be fulfilled on {target.Type.QualifiedResource} \"{target.Name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}",
                    target.Name, target.Type.Group, target.Type.Plural);
            }
        }

        await AdmissionRunner.AdmitAsync(context,
            AdmissionRunner.For(context, AdmissionAttributes.Delete, target, target.Name!, null, current.ToJsonObject(), options));
        var deleted = store.Delete(target.Type, target.Namespace, target.Name!, expected, options.DryRun);
        AfterWrite(context, store, deleted, options);
        await ApiResponses.WriteDeletedAsync(context, Crds.ServedVersion.Of(deleted, target.Type));
    }

    private static async Task<StoredObject> AdmitAndStoreAsync(HttpContext context, ObjectStore store, RequestTarget target,
        StoredObject current, JsonObject updated, long? expected, RequestOptions options)
    {
        var old = Crds.ServedVersion.Of(current, target.Type).ToJsonObject();
        if (target.Type.HasStatus)
        {
            // The main resource ignores status and /status ignores everything else, as for the real types.
            if (target.Subresource == "status")
            {
                var status = updated["status"]?.DeepClone();
                updated = current.ToJsonObject();
                updated["status"] = status;
            }
            else
            {
                updated["status"] = old["status"]?.DeepClone();
            }
        }

        Normalize(target.Type, updated);
        var admitted = await AdmissionRunner.AdmitAsync(context,
            AdmissionRunner.For(context, AdmissionAttributes.Update, target, target.Name!, updated, old, options));
        var stored = store.Update(target.Type, admitted!, expected, options.DryRun);
        AfterWrite(context, store, stored, options);
        return stored;
    }

    // The object a server-side apply creates: the applied configuration, named and placed by the URL.
    private static JsonObject ApplyTarget(RequestTarget target, JsonObject applied)
    {
        if (applied["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            applied["metadata"] = metadata;
        }

        if ((string?)metadata["name"] is { } sentName && sentName != target.Name)
        {
            throw StatusException.BadRequest($"the name of the object ({sentName}) does not match the name on the URL ({target.Name})");
        }

        metadata["name"] = target.Name;
        if (target.Type.Namespaced)
        {
            metadata["namespace"] = target.Namespace;
        }

        return applied;
    }

    // client-go's typed clients (helm's release storage) send DeleteOptions as protobuf, kubectl and the others JSON.
    private static JsonObject? ParseDeleteOptions(byte[] body, string? contentType)
    {
        try
        {
            return contentType?.StartsWith(Protobuf.KubernetesProtobuf.MediaType, StringComparison.Ordinal) == true
                ? Protobuf.KubernetesProtobuf.Decode(body)
                : JsonNode.Parse(body) as JsonObject;
        }
        catch (NotSupportedException e)
        {
            throw new StatusException(415, "UnsupportedMediaType", e.Message);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            throw StatusException.BadRequest($"DeleteOptions in version \"v1\" cannot be handled as a DeleteOptions: {e.Message}");
        }
    }

    internal static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }
}

using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Api;

/// <summary>
/// The answer of an admission step: allowed (with the object to store, possibly mutated, and warnings) or denied
/// (with the HTTP code and message the client gets in a Status).
/// </summary>
public sealed record AdmissionResult(bool Allowed, JsonObject? Admitted, IReadOnlyList<string> Warnings, int Code = 200, string? Message = null)
{
    public static AdmissionResult Allow(JsonObject? obj, IReadOnlyList<string>? warnings = null) => new(true, obj, warnings ?? []);

    public static AdmissionResult Deny(string message, int code = 403, IReadOnlyList<string>? warnings = null) =>
        new(false, null, warnings ?? [], code, message);
}

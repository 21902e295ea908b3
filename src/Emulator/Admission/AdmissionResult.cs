using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Admission;

/// <summary>What admission decided about a write.</summary>
public abstract record AdmissionResult(IReadOnlyList<string> Warnings)
{
    /// <summary>The write goes on with <paramref name="obj"/> (possibly mutated) and <paramref name="warnings"/>.</summary>
    public static AdmissionResult Allow(JsonNode? obj, IReadOnlyList<string>? warnings = null) => new Admitted(obj, warnings ?? []);

    /// <summary>The write is refused with <paramref name="message"/> and HTTP <paramref name="code"/>.</summary>
    public static AdmissionResult Deny(string message, int code = 403, IReadOnlyList<string>? warnings = null) =>
        new Rejected(code, message, warnings ?? []);

    /// <summary>The write goes on with <see cref="FinalObject"/>, which carries every webhook's patches in order.</summary>
    public sealed record Admitted(JsonNode? FinalObject, IReadOnlyList<string> Warnings) : AdmissionResult(Warnings);

    /// <summary>
    /// The write is refused with a <c>Status</c> of <see cref="Code"/> and <see cref="Message"/>: a webhook's
    /// denial, or a failing webhook under <c>failurePolicy: Fail</c>.
    /// </summary>
    public sealed record Rejected(int Code, string Message, IReadOnlyList<string> Warnings) : AdmissionResult(Warnings);
}

using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Admission;

/// <summary>What mutating admission decided about a write.</summary>
public abstract record AdmissionResult(IReadOnlyList<string> Warnings)
{
    /// <summary>The write goes on with <see cref="FinalObject"/>, which carries every webhook's patches in order.</summary>
    public sealed record Admitted(JsonNode? FinalObject, IReadOnlyList<string> Warnings) : AdmissionResult(Warnings);

    /// <summary>
    /// The write is refused with a <c>Status</c> of <see cref="Code"/>, <see cref="Reason"/> and
    /// <see cref="Message"/>: a webhook's denial, or a failing webhook under <c>failurePolicy: Fail</c>.
    /// </summary>
    public sealed record Rejected(int Code, string Reason, string Message, IReadOnlyList<string> Warnings) : AdmissionResult(Warnings);
}

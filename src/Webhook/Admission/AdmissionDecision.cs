using Tarnfui.Core.StopRecord;

namespace Tarnfui.Webhook.Admission;

/// <summary>What the webhook answers to one admission request. A closed family of outcomes.</summary>
internal abstract record AdmissionDecision
{
    private static readonly IReadOnlyList<string> NoWarnings = [];

    private AdmissionDecision()
    {
    }

    /// <summary>The request as it came, with no warning: the common case.</summary>
    public static Allowed Allow { get; } = new(NoWarnings);

    /// <summary>Admitted unchanged; the warnings are shown by kubectl.</summary>
    public sealed record Allowed(IReadOnlyList<string> Warnings) : AdmissionDecision;

    /// <summary>Admitted with the JSON Patch operations applied.</summary>
    public sealed record Patched(IReadOnlyList<PatchOperation> Operations, IReadOnlyList<string> Warnings) : AdmissionDecision;

    /// <summary>Refused with 403 and a message a person can act on.</summary>
    public sealed record Denied(string Message) : AdmissionDecision;

    /// <summary>The label value of <c>tarnfui_webhook_admissions_total{decision}</c>.</summary>
    public string Label => this switch
    {
        Patched => "patched",
        Denied => "denied",
        Allowed { Warnings.Count: > 0 } => "warned",
        _ => "allowed",
    };
}

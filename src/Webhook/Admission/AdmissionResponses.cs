namespace Tarnfui.Webhook.Admission;

/// <summary>Turns a decision into the AdmissionReview the API server expects back.</summary>
internal static class AdmissionResponses
{
    public const string JsonPatchType = "JSONPatch";
    public const string ForbiddenReason = "Forbidden";
    private const int Forbidden = 403;

    public static AdmissionReview Encode(string uid, AdmissionDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var response = new AdmissionResponse { Uid = uid };
        switch (decision)
        {
            case AdmissionDecision.Allowed allowed:
                response.Allowed = true;
                response.Warnings = Warnings(allowed.Warnings);
                break;
            case AdmissionDecision.Patched patched:
                response.Allowed = true;
                response.PatchType = JsonPatchType;
                response.Patch = new PatchDocument(patched.Operations);
                response.Warnings = Warnings(patched.Warnings);
                break;
            case AdmissionDecision.Denied denied:
                response.Allowed = false;
                response.Status = new AdmissionStatus { Code = Forbidden, Reason = ForbiddenReason, Message = denied.Message };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(decision), decision, "unknown decision");
        }

        return new AdmissionReview { ApiVersion = AdmissionReview.ApiVersionV1, Kind = AdmissionReview.KindName, Response = response };
    }

    private static AnswerWarnings? Warnings(IReadOnlyList<string> warnings) => warnings.Count == 0 ? null : new(warnings);
}

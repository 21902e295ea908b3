using Tarnfui.Core.Policy;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// The label values of the admission metrics, each from a fixed set; anything else is <see cref="Other"/>. A
/// request's strings are whatever its sender wrote: echoed into a label, each new value would be a series that
/// the registry keeps for the life of the process, so a stream of junk requests would grow memory without bound.
/// </summary>
internal static class AdmissionLabels
{
    public const string Other = "other";

    /// <summary>The decision label of a request whose handling failed (and which was allowed).</summary>
    public const string Error = "error";

    /// <summary>Every value of the <c>operation</c> label: the operations of admission.k8s.io/v1.</summary>
    public static IReadOnlyList<string> Operations { get; } = [AdmissionTarget.Create, AdmissionTarget.Update, "DELETE", "CONNECT", Other];

    /// <summary>
    /// Every value of the <c>resource</c> label: the resources the registration covers (every kind on its main
    /// resource, and <c>/scale</c> of the kinds held down by their count).
    /// </summary>
    public static IReadOnlyList<string> Resources { get; } =
        [.. WorkloadKind.All.Select(k => k.Plural), .. WorkloadKind.WithReplicas.Select(ScaleLabel), Other];

    // Built once: the label of a request is picked, never concatenated, on the admission path.
    private static readonly Dictionary<WorkloadKind, string> ScaleLabels = WorkloadKind.WithReplicas.ToDictionary(k => k, ScaleLabel);

    /// <summary>Every value of the <c>decision</c> label: <see cref="AdmissionDecision.Label"/> and <see cref="Error"/>.</summary>
    public static IReadOnlyList<string> Decisions { get; } = ["allowed", "warned", "patched", "denied", Error];

    /// <summary>How many admission series the fixed sets allow: every operation, resource and decision, dry run and not.</summary>
    public static int MaxSeries => 2 * Operations.Count * Resources.Count * Decisions.Count;

    /// <summary>The <c>operation</c> label of <paramref name="operation"/>: itself if it is one of <see cref="Operations"/>.</summary>
    public static string Operation(string? operation)
    {
        // An indexed loop, not a query or foreach over the interface: this runs for every admission, allocating nothing.
        for (var i = 0; i < Operations.Count; i++)
        {
            if (string.Equals(Operations[i], operation, StringComparison.Ordinal))
            {
                return Operations[i];
            }
        }

        return Other;
    }

    /// <summary>The <c>resource</c> label: <c>deployments</c>, <c>statefulsets/scale</c>, … for a <see cref="WorkloadKind"/>, else <see cref="Other"/>.</summary>
    public static string Resource(GroupVersionResource? resource, string? subResource) =>
        WorkloadKind.FindByResource(resource?.Group, resource?.Resource) is not { } kind ? Other
        : string.IsNullOrEmpty(subResource) ? kind.Plural
        : string.Equals(subResource, "scale", StringComparison.Ordinal) && ScaleLabels.TryGetValue(kind, out var scale) ? scale
        : Other;

    private static string ScaleLabel(WorkloadKind kind) => kind.Plural + "/scale";
}

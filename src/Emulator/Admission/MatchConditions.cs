using System.Text.Json.Nodes;
using k8s.Models;

namespace Tarnfui.Emulator.Admission;

/// <summary>
/// A webhook's <c>matchConditions</c> as the API server evaluates them: any false skips the webhook;
/// all true calls it; otherwise an error, which the caller handles per failurePolicy.
/// </summary>
public static class MatchConditions
{
    /// <summary>Whether to go on with the webhook, and the error when a condition could not be evaluated.</summary>
    public static (bool Call, string? Error) Evaluate(IList<V1MatchCondition>? conditions, JsonObject request, JsonNode? current, JsonNode? old)
    {
        if (conditions is null || conditions.Count == 0)
        {
            return (true, null);
        }

        var variables = new Dictionary<string, JsonNode?>
        {
            ["request"] = request,
            ["object"] = current,
            ["oldObject"] = old,
        };
        string? error = null;
        foreach (var condition in conditions)
        {
            var result = CelSubset.Evaluate(condition.Expression, variables);
            if (!result.IsValid)
            {
                error ??= $"failed to evaluate match condition \"{condition.Name}\": {result.Error}";
            }
            else if (!result.Value)
            {
                return (false, null);
            }
        }

        return (true, error);
    }
}

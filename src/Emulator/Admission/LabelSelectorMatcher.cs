using k8s.Models;

namespace Tarnfui.Emulator.Admission;

/// <summary>
/// Evaluates a <see cref="V1LabelSelector"/> (matchLabels and matchExpressions In/NotIn/Exists/DoesNotExist)
/// against a label map, as the API server does for webhook namespaceSelector and objectSelector.
/// </summary>
public static class LabelSelectorMatcher
{
    /// <summary>
    /// True when every requirement holds. A null or empty selector matches everything; an unknown operator
    /// matches nothing (the real server rejects such a configuration when it is written).
    /// </summary>
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return true;
        }

        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(requirement.Key, out var actual);
            var values = requirement.Values ?? [];
            var holds = requirement.OperatorProperty switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }
}

using k8s.Models;

namespace Tarnfui.Emulator.Admission;

/// <summary>
/// Whether a webhook's <c>rules</c> select a request, following kube-apiserver's
/// <c>predicates/rules</c> matcher: <c>*</c> matches main resources only, <c>*/*</c> everything,
/// <c>deployments/scale</c> one subresource, <c>*/scale</c> that subresource of every resource.
/// </summary>
public static class WebhookRules
{
    /// <summary>True when any rule matches operation, group, version, resource/subresource and scope.</summary>
    public static bool Match(IEnumerable<V1RuleWithOperations>? rules, AdmissionAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (rules ?? []).Any(rule => Matches(rule, request));
    }

    private static bool Matches(V1RuleWithOperations rule, AdmissionAttributes request) =>
        ContainsOrStar(rule.Operations, request.Operation)
        && ContainsOrStar(rule.ApiGroups, request.Resource.Group)
        && ContainsOrStar(rule.ApiVersions, request.Resource.Version)
        && MatchesResource(rule.Resources, request.Resource.Resource, request.SubResource)
        && MatchesScope(rule.Scope, request.Namespace);

    private static bool ContainsOrStar(IList<string>? values, string value) =>
        values is not null && values.Any(v => v == "*" || v == value);

    private static bool MatchesResource(IList<string>? resources, string resource, string subResource)
    {
        foreach (var entry in resources ?? [])
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            var (res, sub) = slash < 0 ? (entry, "") : (entry[..slash], entry[(slash + 1)..]);
            if ((res == "*" || res == resource) && (sub == "*" || sub == subResource))
            {
                return true;
            }
        }

        return false;
    }

    // "*" (the default) matches both; "Cluster" only cluster-scoped requests; "Namespaced" only namespaced ones.
    private static bool MatchesScope(string? scope, string? ns) => scope switch
    {
        "Cluster" => string.IsNullOrEmpty(ns),
        "Namespaced" => !string.IsNullOrEmpty(ns),
        _ => true,
    };
}

namespace Tarnfui.Core.Policy;

/// <summary>The annotations of a workload and of its namespace, looked up most specific first.</summary>
internal readonly struct AnnotationScopes(IReadOnlyDictionary<string, string>? workload, IReadOnlyDictionary<string, string>? @namespace)
{
    /// <summary>The scopes that carry annotations, most specific first.</summary>
    public static readonly PolicyScope[] Annotated = [PolicyScope.Workload, PolicyScope.Namespace];

    public string? Get(PolicyScope scope, string key)
    {
        var map = scope switch
        {
            PolicyScope.Workload => workload,
            PolicyScope.Namespace => @namespace,
            _ => null,
        };
        return map is not null && map.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>The value from the most specific scope that sets <paramref name="key"/>, or null.</summary>
    public (string Text, PolicyScope Scope)? MostSpecific(string key)
    {
        foreach (var scope in Annotated)
        {
            if (Get(scope, key) is { } text)
            {
                return (text, scope);
            }
        }

        return null;
    }

    /// <summary>Every scope's value of <paramref name="key"/>, most specific first.</summary>
    public IEnumerable<(string Text, PolicyScope Scope)> All(string key)
    {
        foreach (var scope in Annotated)
        {
            if (Get(scope, key) is { } text)
            {
                yield return (text, scope);
            }
        }
    }
}

namespace Tarnfui.Core.Policy;

/// <summary>
/// The annotations of a workload and of its namespace, looked up most specific first. With
/// <paramref name="kubeDownscaler"/>, a scope without a Tarnfui key is read through its kube-downscaler equivalent
/// (<see cref="KubeDownscalerMapping"/>); a Tarnfui key wins over it in the same scope.
/// </summary>
internal readonly struct AnnotationScopes(IReadOnlyDictionary<string, string>? workload, IReadOnlyDictionary<string, string>? @namespace, bool kubeDownscaler = false)
{
    /// <summary>The scopes that carry annotations, most specific first.</summary>
    public static readonly PolicyScope[] Annotated = [PolicyScope.Workload, PolicyScope.Namespace];

    /// <summary>The value of <paramref name="key"/> in <paramref name="scope"/>, as Tarnfui's value, or null.</summary>
    public string? Get(PolicyScope scope, string key) => Find(scope, key)?.Text;

    /// <summary>
    /// The value of <paramref name="key"/> in <paramref name="scope"/> and the key it was read from (the Tarnfui key
    /// or its kube-downscaler equivalent), or null. A kube-downscaler value Tarnfui cannot take carries its error.
    /// </summary>
    public AnnotationValue? Find(PolicyScope scope, string key)
    {
        var map = scope switch
        {
            PolicyScope.Workload => workload,
            PolicyScope.Namespace => @namespace,
            _ => null,
        };
        if (map is null)
        {
            return null;
        }

        if (map.TryGetValue(key, out var value))
        {
            return new AnnotationValue(value, scope, key, null);
        }

        if (kubeDownscaler && KubeDownscalerMapping.Equivalents.TryGetValue(key, out var theirs) && map.TryGetValue(theirs, out var their))
        {
            var translated = KubeDownscalerMapping.Translate(theirs, their);
            return new AnnotationValue(translated.IsValid ? translated.Value : their, scope, theirs, translated.Error);
        }

        return null;
    }

    /// <summary>The value from the most specific scope that sets <paramref name="key"/>, or null.</summary>
    public AnnotationValue? MostSpecific(string key)
    {
        foreach (var scope in Annotated)
        {
            if (Find(scope, key) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Every scope's value of <paramref name="key"/>, most specific first.</summary>
    public IEnumerable<AnnotationValue> All(string key)
    {
        foreach (var scope in Annotated)
        {
            if (Find(scope, key) is { } found)
            {
                yield return found;
            }
        }
    }
}

/// <summary>An annotation's value as Tarnfui reads it, where it was found and under which key.</summary>
/// <param name="Text">The value, translated to Tarnfui's form when it came from a kube-downscaler key.</param>
/// <param name="Scope">The scope it was found in.</param>
/// <param name="Key">The key it was read from, for messages and <c>explain</c>.</param>
/// <param name="Error">Why a kube-downscaler value cannot be read as Tarnfui's, or null.</param>
internal readonly record struct AnnotationValue(string Text, PolicyScope Scope, string Key, string? Error);

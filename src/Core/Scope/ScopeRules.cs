using System.Globalization;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Scope;

/// <summary>
/// What Tarnfui may act on, as data read once from <c>Scope:Namespaces</c>, <c>Schedule:ExcludedNamespaces</c> and the
/// <c>Policy</c> selectors; <see cref="PolicyResolver"/> asks it right after the never-touched namespaces.
/// </summary>
public sealed class ScopeRules
{
    private readonly string[] _selectorKeys;

    internal ScopeRules(IReadOnlySet<string> namespaces, IReadOnlyList<NamespacePattern> excluded, LabelSelector? exclude, LabelSelector? include)
    {
        Namespaces = namespaces;
        Excluded = excluded;
        ExcludeSelector = exclude;
        IncludeSelector = include;
        _selectorKeys = [.. new[] { exclude, include }.SelectMany(s => s?.Requirements ?? []).Select(r => r.Key).Distinct(StringComparer.Ordinal)];
        ExactlyExcluded = [.. excluded.Where(p => p.IsExact).Select(p => p.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Everything in scope, nothing excluded, no selector.</summary>
    public static ScopeRules Everything { get; } = new(new HashSet<string>(), [], null, null);

    /// <summary><c>Scope:Namespaces</c>: the only namespaces acted in; empty means all of them.</summary>
    public IReadOnlySet<string> Namespaces { get; }

    /// <summary>Whether the sweeper works per namespace (<see cref="Namespaces"/> is set) rather than cluster-wide.</summary>
    public bool IsNamespaced => Namespaces.Count > 0;

    /// <summary><c>Schedule:ExcludedNamespaces</c>, names and globs.</summary>
    public IReadOnlyList<NamespacePattern> Excluded { get; }

    /// <summary>The excluded namespaces named exactly, sorted: what the API server can filter out with a field selector.</summary>
    public IReadOnlyList<string> ExactlyExcluded { get; }

    public LabelSelector? ExcludeSelector { get; }

    public LabelSelector? IncludeSelector { get; }

    /// <summary>
    /// Reads the three sources; the error names the key, with the index of a list entry
    /// (<c>Schedule:ExcludedNamespaces:2: …</c>, <c>Policy:IncludeSelector: at position 6, …</c>). Blank list entries are skipped.
    /// </summary>
    public static ParseResult<ScopeRules> Create(ScheduleOptions schedule, ScopeOptions scope, PolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(policy);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        var scopeKey = $"{ScopeOptions.Section}:{nameof(ScopeOptions.Namespaces)}";
        foreach (var (pattern, index) in Patterns(scope.Namespaces))
        {
            if (!pattern.IsValid)
            {
                return ParseResult<ScopeRules>.Fail($"{scopeKey}:{index}: {pattern.Error}");
            }

            if (!pattern.Value.IsExact)
            {
                return ParseResult<ScopeRules>.Fail(
                    $"{scopeKey}:{index}: \"{pattern.Value.Text}\" is a glob; list namespaces by name: the sweeper reads each listed namespace by name");
            }

            namespaces.Add(pattern.Value.Text);
        }

        var excluded = new List<NamespacePattern>();
        foreach (var (pattern, index) in Patterns(schedule.ExcludedNamespaces))
        {
            if (!pattern.IsValid)
            {
                return ParseResult<ScopeRules>.Fail($"{ScheduleOptions.Section}:{nameof(ScheduleOptions.ExcludedNamespaces)}:{index}: {pattern.Error}");
            }

            excluded.Add(pattern.Value);
        }

        var exclude = Selector($"{PolicyOptions.Section}:{nameof(PolicyOptions.ExcludeSelector)}", policy.ExcludeSelector);
        if (!exclude.IsValid)
        {
            return ParseResult<ScopeRules>.Fail(exclude.Error);
        }

        var include = Selector($"{PolicyOptions.Section}:{nameof(PolicyOptions.IncludeSelector)}", policy.IncludeSelector);
        return include.IsValid
            ? ParseResult<ScopeRules>.Ok(new ScopeRules(namespaces, excluded, exclude.Value, include.Value))
            : ParseResult<ScopeRules>.Fail(include.Error);
    }

    private static IEnumerable<(ParseResult<NamespacePattern> Pattern, string Index)> Patterns(IList<string> entries) =>
        entries.Select((text, i) => (text, i))
            .Where(entry => !string.IsNullOrWhiteSpace(entry.text))
            .Select(entry => (NamespacePattern.Parse(entry.text), entry.i.ToString(CultureInfo.InvariantCulture)));

    private static ParseResult<LabelSelector?> Selector(string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<LabelSelector?>.Ok(null);
        }

        var selector = LabelSelector.Parse(text);
        return selector.IsValid ? ParseResult<LabelSelector?>.Ok(selector.Value) : ParseResult<LabelSelector?>.Fail($"{key}: \"{text.Trim()}\" {selector.Error}");
    }

    /// <summary>Whether a <c>Policy</c> selector is set: then decisions need labels, not only Tarnfui's keys.</summary>
    public bool HasSelectors => ExcludeSelector is not null || IncludeSelector is not null;

    /// <summary>
    /// What a decision needs of <paramref name="labels"/>: null (not needed) when no selector is set, else only the
    /// entries whose keys a selector names (an object without labels has none: known, and empty).
    /// </summary>
    public IReadOnlyDictionary<string, string>? SelectorView(IDictionary<string, string>? labels)
    {
        if (!HasSelectors)
        {
            return null;
        }

        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in _selectorKeys)
        {
            if (labels is not null && labels.TryGetValue(key, out var value))
            {
                kept[key] = value;
            }
        }

        return kept;
    }

    /// <summary>Whether <c>Scope:Namespaces</c> lets Tarnfui act in <paramref name="namespace"/> (before exclusions).</summary>
    public bool InScope(string @namespace) => Namespaces.Count == 0 || Namespaces.Contains(@namespace);

    /// <summary>Whether an entry of <c>Schedule:ExcludedNamespaces</c> matches <paramref name="namespace"/>, or null.</summary>
    public NamespacePattern? ExcludedBy(string @namespace)
    {
        foreach (var pattern in Excluded)
        {
            if (pattern.Matches(@namespace))
            {
                return pattern;
            }
        }

        return null;
    }

    /// <summary>
    /// The exemption the scope gives <paramref name="workload"/>, or null when it is in scope: outside
    /// <c>Scope:Namespaces</c>, an excluded namespace, matched by <c>Policy:ExcludeSelector</c> (the workload first,
    /// then its namespace), or matched by neither side of <c>Policy:IncludeSelector</c>.
    /// </summary>
    public PolicyDecision.Exempt? Exemption(WorkloadRef workload, SelectorLabels labels)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var ns = workload.Namespace;
        if (!InScope(ns))
        {
            return new PolicyDecision.Exempt(ExemptionReason.OutsideScope, PolicyScope.Global, null,
                $"namespace {ns} is not listed in {ScopeOptions.Section}:{nameof(ScopeOptions.Namespaces)}");
        }

        if (ExcludedBy(ns) is { } pattern)
        {
            var how = pattern.IsExact ? "is listed" : $"matches \"{pattern.Text}\"";
            return new PolicyDecision.Exempt(ExemptionReason.ExcludedByConfiguration, PolicyScope.Global, null,
                $"namespace {ns} {how} in {ScheduleOptions.Section}:{nameof(ScheduleOptions.ExcludedNamespaces)}");
        }

        if (ExcludeSelector is { } exclude)
        {
            var scope = exclude.MatchesEither(labels);
            if (scope is not null)
            {
                return new PolicyDecision.Exempt(ExemptionReason.ExcludedBySelector, scope.Value, null,
                    $"the {Describe(scope.Value)}'s labels match {PolicyOptions.Section}:{nameof(PolicyOptions.ExcludeSelector)} \"{exclude.Text}\"");
            }
        }

        // Left out only when both sides are known and neither matches: labels not known never leave a workload out.
        if (IncludeSelector is { } include && labels is { Workload: { } own, Namespace: { } nsLabels } && !include.Matches(own) && !include.Matches(nsLabels))
        {
            return new PolicyDecision.Exempt(ExemptionReason.NotSelected, PolicyScope.Global, null,
                $"neither the workload's nor the namespace's labels match {PolicyOptions.Section}:{nameof(PolicyOptions.IncludeSelector)} \"{include.Text}\"");
        }

        return null;
    }

    private static string Describe(PolicyScope scope) => scope == PolicyScope.Workload ? "workload" : "namespace";
}

namespace Tarnfui.Core.Scope;

/// <summary>How a <see cref="LabelRequirement"/> tests its key, as Kubernetes label selectors do.</summary>
public enum LabelOperator
{
    /// <summary><c>key=value</c> (or <c>==</c>): the label is set to the value.</summary>
    Equals,

    /// <summary><c>key!=value</c>: the label is absent or set to another value.</summary>
    NotEquals,

    /// <summary><c>key in (a,b)</c>: the label is set to one of the values.</summary>
    In,

    /// <summary><c>key notin (a,b)</c>: the label is absent or set to none of the values.</summary>
    NotIn,

    /// <summary><c>key</c>: the label is set, to any value.</summary>
    Exists,

    /// <summary><c>!key</c>: the label is absent.</summary>
    DoesNotExist,
}

/// <summary>One comma-separated part of a label selector; all parts must hold for the selector to match.</summary>
public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Equals or LabelOperator.In => present && Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.NotEquals or LabelOperator.NotIn => !present || !Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.Exists => present,
            LabelOperator.DoesNotExist => !present,
            _ => throw new InvalidOperationException($"Unknown label operator {Operator}"),
        };
    }
}

namespace Tarnfui.Core.Policy;

/// <summary>Names one workload of a <see cref="WorkloadKind"/>.</summary>
public sealed record WorkloadRef(WorkloadKind Kind, string Namespace, string Name)
{
    /// <summary>The lower-case plural resource name, as in API paths and kubectl (<c>deployments</c>).</summary>
    public string Resource => Kind.Plural;

    /// <summary><c>deployment shop/api</c>: how messages, logs and Events name a workload.</summary>
    public override string ToString() => $"{Kind.Singular} {Namespace}/{Name}";
}

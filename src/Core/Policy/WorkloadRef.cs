namespace Tarnfui.Core.Policy;

/// <summary>Names one Deployment or StatefulSet.</summary>
public sealed record WorkloadRef(WorkloadKind Kind, string Namespace, string Name)
{
    /// <summary>The lower-case plural resource name, as in API paths and kubectl (<c>deployments</c>).</summary>
    public string Resource => Kind == WorkloadKind.Deployment ? "deployments" : "statefulsets";

    /// <summary><c>deployment shop/api</c>: how messages, logs and Events name a workload.</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Namespace}/{Name}";
}

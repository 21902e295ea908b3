using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Status;

/// <summary>A namespace whose workloads are never stopped now, and why.</summary>
internal sealed record ExcludedNamespace(string Name, ExemptionReason Reason, string Detail, Instant? Until)
{
    /// <summary>The namespace's exemption, if any: what the resolver says of a workload there that carries no annotation.</summary>
    public static ExcludedNamespace? Of(PolicyResolver resolver, string name, IReadOnlyDictionary<string, string>? annotations, Instant now)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var probe = new WorkloadRef(WorkloadKind.Deployment, name, "-");
        return resolver.Resolve(probe, null, operatorOwned: false, annotations, now) is PolicyDecision.Exempt { Scope: not PolicyScope.Workload } e
            ? new ExcludedNamespace(name, e.Reason, e.Detail, e.Until)
            : null;
    }
}

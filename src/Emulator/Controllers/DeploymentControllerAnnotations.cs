namespace Tarnfui.Emulator.Controllers;

/// <summary>
/// Annotations the Kubernetes deployment controller keeps (kube-controller-manager,
/// <c>pkg/controller/deployment/util/deployment_util.go</c>). Spelled here rather than taken from the product's
/// constants: the emulator stands in for the controller, so a wrong belief in the product must not become the
/// emulator's by sharing code.
/// </summary>
public static class DeploymentControllerAnnotations
{
    /// <summary>The rollout revision, on the Deployment and on each of its ReplicaSets.</summary>
    public const string Revision = "deployment.kubernetes.io/revision";

    /// <summary>Previous revisions a ReplicaSet had (on a rollback).</summary>
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";

    /// <summary>On a ReplicaSet: its Deployment's <c>spec.replicas</c>.</summary>
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";

    /// <summary>On a ReplicaSet: desired replicas plus the rollout's max surge.</summary>
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";

    /// <summary>The old rollback request annotation (extensions/v1beta1).</summary>
    public const string RollbackTo = "deprecated.deployment.rollback.to";

    /// <summary><c>kubectl apply</c>'s record of the last applied object.</summary>
    public const string LastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>The Deployment annotations the controller does not copy to the ReplicaSet (<c>annotationsToSkip</c>).</summary>
    public static readonly IReadOnlyList<string> NotCopied = [LastAppliedConfiguration, Revision, RevisionHistory, DesiredReplicas, MaxReplicas, RollbackTo];
}

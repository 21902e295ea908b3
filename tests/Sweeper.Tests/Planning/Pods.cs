using k8s.Models;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>Builders of the metadata the planners read.</summary>
internal static class Pods
{
    public static V1ObjectMeta Owned(string ns, string name, string kind, string owner, string ownerUid, string apiVersion = OwnerWalk.AppsV1, bool controller = true) =>
        new()
        {
            NamespaceProperty = ns,
            Name = name,
            OwnerReferences = [new V1OwnerReference { ApiVersion = apiVersion, Kind = kind, Name = owner, Uid = ownerUid, Controller = controller }],
        };

    public static V1ObjectMeta Bare(string ns, string name) => new() { NamespaceProperty = ns, Name = name };

    public static WorkloadSnapshot Deployment(
        string ns,
        string name,
        int? replicas,
        IReadOnlyDictionary<string, string>? annotations = null,
        IReadOnlyDictionary<string, string>? labels = null,
        bool operatorOwned = false) =>
        new(new WorkloadRef(WorkloadKind.Deployment, ns, name), "uid-" + name, "7", replicas, new WorkloadMetadata(annotations, labels), operatorOwned, PodResources.None);
}

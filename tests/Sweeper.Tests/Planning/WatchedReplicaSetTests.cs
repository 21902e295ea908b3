using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// Which running ReplicaSets the view of them has no use for (<see cref="WatchedReplicaSet.HeldAtZero"/>): those whose
/// Deployment Tarnfui holds at zero, read from the metadata the watch brings, as the view reads it.
/// </summary>
public class WatchedReplicaSetTests
{
    public static TheoryData<string, string?, string?, bool> Cases => new()
    {
        { "stopped by Tarnfui: the controller copied the zero and the record", "0", "3", true },
        { "restored: the record left over on the copy, a count wanted again", "3", "3", false },
        { "scaled to zero by a person: no record", "0", null, false },
        { "running, never stopped", "2", null, false },
        { "not written by the deployment controller: no copy", null, "3", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_a_replicaset_of_a_deployment_held_at_zero_is_unwanted(string because, string? desired, string? original, bool expected)
    {
        var metadata = Pods.Owned("shop", "api-5d8f7c9b4", OwnerWalk.Deployment, "api", "uid-api");
        metadata.Uid = "uid-rs";
        metadata.Annotations = new Dictionary<string, string> { [WellKnown.DeploymentAnnotations.Revision] = "2" };
        if (desired is not null)
        {
            metadata.Annotations[WellKnown.DeploymentAnnotations.DesiredReplicas] = desired;
        }

        if (original is not null)
        {
            metadata.Annotations[WellKnown.Annotations.OriginalReplicas] = original;
            metadata.Annotations[WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z";
        }

        WatchedReplicaSet.Of(metadata, kept: null).HeldAtZero.ShouldBe(expected, because);
    }

    [Fact]
    public void A_replicaset_no_deployment_controls_is_kept()
    {
        var metadata = new V1ObjectMeta { NamespaceProperty = "shop", Name = "bare", Uid = "uid-bare" };

        WatchedReplicaSet.Of(metadata, kept: null).HeldAtZero.ShouldBeFalse();
    }
}

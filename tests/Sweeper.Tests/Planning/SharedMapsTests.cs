using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// What the view keeps of many workloads stopped alike holds one map of their Tarnfui keys and one metadata record,
/// whatever order their annotations came in; a workload whose keys differ keeps its own.
/// </summary>
public class SharedMapsTests
{
    private static V1ObjectMeta Stopped(string original, bool reversed = false)
    {
        var entries = new List<KeyValuePair<string, string>>
        {
            new(WellKnown.Annotations.OriginalReplicas, new string(original)),
            new(WellKnown.Annotations.StoppedAt, new string("2026-11-23T19:00:00Z")),
            new("kubectl.kubernetes.io/last-applied-configuration", new string('x', 500)),
        };
        if (reversed)
        {
            entries.Reverse();
        }

        return new()
        {
            Annotations = entries.ToDictionary(e => e.Key, e => e.Value),
            Labels = new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true", ["app"] = new string("shop") },
        };
    }

    [Fact]
    public void Workloads_stopped_alike_share_one_map_and_one_metadata_record()
    {
        var first = DecisiveMetadata.Of(Stopped("3"));
        var second = DecisiveMetadata.Of(Stopped("3", reversed: true));

        ReferenceEquals(first, second).ShouldBeTrue();
        ReferenceEquals(first.Annotations, second.Annotations).ShouldBeTrue();
        first.Annotations!.Count.ShouldBe(2);
        first.Annotations[WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
    }

    [Fact]
    public void A_workload_with_other_values_keeps_its_own()
    {
        var three = DecisiveMetadata.Of(Stopped("3"));
        var five = DecisiveMetadata.Of(Stopped("5"));

        ReferenceEquals(three, five).ShouldBeFalse();
        five.Annotations![WellKnown.Annotations.OriginalReplicas].ShouldBe("5");
        three.Annotations![WellKnown.Annotations.OriginalReplicas].ShouldBe("3");
    }

    [Fact]
    public void A_map_with_a_long_value_is_kept_as_it_is()
    {
        var map = SmallDictionary.Of([KeyValuePair.Create(WellKnown.Annotations.Uptime, new string('y', SharedStrings.MaxLength + 1))]);
        var same = SmallDictionary.Of([KeyValuePair.Create(WellKnown.Annotations.Uptime, new string('y', SharedStrings.MaxLength + 1))]);

        ReferenceEquals(SharedMaps.Share(map), map).ShouldBeTrue();
        ReferenceEquals(SharedMaps.Share(same), same).ShouldBeTrue();
    }

    [Fact]
    public void The_metadata_without_the_revision_is_the_shared_one()
    {
        var read = new V1ObjectMeta
        {
            Annotations = new Dictionary<string, string>
            {
                [WellKnown.Annotations.OriginalReplicas] = "4",
                [WellKnown.DeploymentAnnotations.Revision] = "7",
            },
            Labels = new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "true" },
        };

        var whole = DecisiveMetadata.Of(read, revision: true);
        var kept = DecisiveMetadata.WithoutRevision(whole);

        whole.Annotations!.ContainsKey(WellKnown.DeploymentAnnotations.Revision).ShouldBeTrue();
        kept.Annotations!.ContainsKey(WellKnown.DeploymentAnnotations.Revision).ShouldBeFalse();
        ReferenceEquals(kept, DecisiveMetadata.Of(read)).ShouldBeTrue();
    }
}

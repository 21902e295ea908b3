using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// What the caches keep of many objects holds one instance of each repeated short value, and the pool that makes it
/// so stays bounded however many values pass through it.
/// </summary>
public class SharedStringsTests
{
    [Fact]
    public void Equal_values_read_from_different_objects_are_kept_as_one_instance()
    {
        static V1ObjectMeta Read() => new()
        {
            NamespaceProperty = new string("team-0042"),
            Annotations = new Dictionary<string, string>
            {
                [WellKnown.Annotations.OriginalReplicas] = new string("3"),
                [WellKnown.Annotations.StoppedAt] = new string("2026-11-23T19:00:00Z"),
            },
        };

        var first = DecisiveMetadata.Of(Read()).Annotations!;
        var second = DecisiveMetadata.Of(Read()).Annotations!;

        ReferenceEquals(first[WellKnown.Annotations.OriginalReplicas], second[WellKnown.Annotations.OriginalReplicas]).ShouldBeTrue();
        ReferenceEquals(first[WellKnown.Annotations.StoppedAt], second[WellKnown.Annotations.StoppedAt]).ShouldBeTrue();
        ReferenceEquals(SharedStrings.Share(Read().NamespaceProperty), SharedStrings.Share(Read().NamespaceProperty)).ShouldBeTrue();
    }

    [Fact]
    public void The_pool_starts_over_when_full_and_a_value_it_dropped_is_still_the_same_value()
    {
        var early = SharedStrings.Share(new string("value-early"));

        for (var i = 0; i < SharedStrings.Capacity + 10; i++)
        {
            SharedStrings.Share($"value-{i}");
            SharedStrings.Count.ShouldBeLessThanOrEqualTo(SharedStrings.Capacity);
        }

        SharedStrings.Share(new string("value-early")).ShouldBe(early);
    }

    [Fact]
    public void A_long_value_is_not_pooled()
    {
        var value = new string('x', SharedStrings.MaxLength + 1);

        ReferenceEquals(SharedStrings.Share(value), value).ShouldBeTrue();
        ReferenceEquals(SharedStrings.Share(new string('x', SharedStrings.MaxLength + 1)), value).ShouldBeFalse();
    }
}

using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// What the sweeper keeps of an object (the view's stopped set and namespaces, the owner cache's copies) is only what
/// its decisions read: Tarnfui's keys, uid, version, whether an operator owns it. The rest of the metadata
/// (managedFields, <c>last-applied-configuration</c>, other tools' keys) is dropped as the object is read.
/// </summary>
public class DecisiveMetadataTests
{
    private const string Original = WellKnown.Annotations.OriginalReplicas;
    private const string StoppedAt = WellKnown.Annotations.StoppedAt;
    private const string Revision = WellKnown.DeploymentAnnotations.Revision;
    private const string LastApplied = DeploymentControllerAnnotations.LastAppliedConfiguration;

    [Fact]
    public void A_stopped_workload_in_the_view_keeps_only_its_decisive_part()
    {
        var metadata = HeavyMetadata("shop", "api");

        var kept = KubeApi.Snapshot(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), metadata);

        kept.Ref.ShouldBe(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"));
        (kept.Uid, kept.ResourceVersion, kept.Replicas, kept.OperatorOwned).ShouldBe(("uid-api", "4711", (int?)null, false));
        kept.Metadata.Annotations.ShouldNotBeNull().OrderBy(a => a.Key, StringComparer.Ordinal).ShouldBe(
        [
            KeyValuePair.Create(WellKnown.Annotations.Downtime, "Mon-Fri 19:00-07:00 Europe/Berlin"),
            KeyValuePair.Create(Original, "3"),
            KeyValuePair.Create(StoppedAt, "2026-11-23T19:00:00Z"),
        ]);
        kept.Metadata.Labels.ShouldNotBeNull().ShouldBe([KeyValuePair.Create(WellKnown.Labels.Stopped, "true")]);
    }

    [Fact]
    public void A_namespace_in_the_view_keeps_only_its_Tarnfui_annotations()
    {
        var metadata = HeavyMetadata(null, "shop");

        DecisiveMetadata.Annotations(metadata.Annotations).ShouldNotBeNull().Keys.Order(StringComparer.Ordinal)
            .ShouldBe([WellKnown.Annotations.Downtime, Original, StoppedAt]);
    }

    [Fact]
    public void A_replicaset_copy_keeps_only_the_Tarnfui_annotations_and_the_revision_it_tests()
    {
        var replicaSet = HeavyMetadata("shop", "api-5d9c");
        replicaSet.Annotations[WellKnown.DeploymentAnnotations.DesiredReplicas] = "3";
        replicaSet.OwnerReferences = [new V1OwnerReference { ApiVersion = OwnerWalk.AppsV1, Kind = OwnerWalk.Deployment, Name = "api", Uid = "d-uid", Controller = true }];

        var copy = ReplicaSetCopy.Read(replicaSet).ShouldNotBeNull();

        copy.Revision.ShouldBe("9");
        copy.Annotations.Keys.Order(StringComparer.Ordinal).ShouldBe([WellKnown.Annotations.Downtime, Original, StoppedAt]);
    }

    // case, annotations ("" = none at all, "-" = a map without entries), expected kept keys ("null" = no map)
    public static TheoryData<string, string, string> Maps => new()
    {
        { "an object without the map has none kept, so the stop patch still creates it", "", "null" },
        { "an empty map stays an empty map", "-", "" },
        { "a map of foreign keys only becomes an empty map, so the stop patch does not create it again", $"{Revision}=1;{LastApplied}={{}};example.com/team=a", "" },
        { "Tarnfui keys are kept, foreign ones dropped", $"{Original}=2;example.com/team=a;{WellKnown.Annotations.Exclude}=true", $"{WellKnown.Annotations.Exclude},{Original}" },
        { "a key that only looks like Tarnfui's is not kept", "tarnfui.io.example.com/x=1;xtarnfui.io/y=2", "" },
    };

    [Theory, MemberData(nameof(Maps))]
    public void Kept_annotations_follow_the_table(string because, string annotations, string expected)
    {
        var map = annotations switch
        {
            "" => null,
            "-" => new Dictionary<string, string>(),
            _ => StopPlannerTests.Map(annotations),
        };

        var kept = DecisiveMetadata.Of(new V1ObjectMeta { Annotations = map }).Annotations;

        if (expected == "null")
        {
            kept.ShouldBeNull(because);
        }
        else
        {
            string.Join(',', kept.ShouldNotBeNull(because).Keys.Order(StringComparer.Ordinal)).ShouldBe(expected, because);
        }
    }

    [Fact]
    public void The_revision_is_kept_only_of_a_workload_read_in_full()
    {
        var metadata = HeavyMetadata("shop", "api");

        DecisiveMetadata.Of(metadata).Annotations.ShouldNotBeNull().ContainsKey(Revision).ShouldBeFalse();
        DecisiveMetadata.Of(metadata, revision: true).Annotations.ShouldNotBeNull()[Revision].ShouldBe("9");
    }

    [Fact]
    public void A_small_dictionary_answers_like_a_dictionary()
    {
        var map = SmallDictionary.Of([KeyValuePair.Create("a", "1"), KeyValuePair.Create("b", "2")]);

        (map.Count, map["b"], map.ContainsKey("a"), map.ContainsKey("A"), map.TryGetValue("c", out _)).ShouldBe((2, "2", true, false, false));
        map.Values.ShouldBe(["1", "2"]);
        Should.Throw<KeyNotFoundException>(() => map["c"]);
        SmallDictionary.Of([]).ShouldBeSameAs(SmallDictionary.Empty);
    }

    [Fact]
    public void A_new_version_with_the_same_decisive_part_refreshes_the_kept_item_instead_of_making_one()
    {
        var kept = KubeApi.Snapshot(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), HeavyMetadata("shop", "api"));
        var next = HeavyMetadata("shop", "api");
        next.ResourceVersion = "4712";
        next.Annotations["example.com/owner-team"] = "checkout";
        next.Labels.Remove("app.kubernetes.io/part-of");

        var refreshed = ClusterView.Refresh(kept, next).ShouldNotBeNull();

        refreshed.ResourceVersion.ShouldBe("4712");
        refreshed.Metadata.ShouldBeSameAs(kept.Metadata);
        (refreshed.Ref, refreshed.Uid).ShouldBe((kept.Ref, kept.Uid));
        ClusterView.Refresh(kept, HeavyMetadata("shop", "api")).ShouldBeSameAs(kept, "the same version keeps the item itself");
    }

    [Fact]
    public void A_write_answered_after_the_watch_brought_its_version_lends_the_entry_its_instance_of_the_workload()
    {
        var watched = KubeApi.Snapshot(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), HeavyMetadata("shop", "api"));
        var written = KubeApi.Snapshot(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), HeavyMetadata("shop", "api"));

        var merged = ClusterView.Merge(watched, written);

        merged.Ref.ShouldBeSameAs(written.Ref);
        (merged.ResourceVersion, merged.Uid).ShouldBe((watched.ResourceVersion, watched.Uid));
        ClusterView.Merge(merged, written).ShouldBeSameAs(merged, "nothing left to take");
        var other = HeavyMetadata("shop", "api");
        other.Annotations[Original] = "4";
        ClusterView.Merge(watched, KubeApi.Snapshot(written.Ref, other)).ShouldBeSameAs(watched, "another state leaves the watch's entry as it is");
    }

    // case, change to the next version
    public static TheoryData<string, Action<V1ObjectMeta>> DecisiveChanges => new()
    {
        { "a Tarnfui annotation's value", m => m.Annotations[Original] = "4" },
        { "a Tarnfui annotation added", m => m.Annotations[WellKnown.Annotations.Exclude] = "true" },
        { "a Tarnfui annotation removed", m => m.Annotations.Remove(StoppedAt) },
        { "the stopped label's value", m => m.Labels[WellKnown.Labels.Stopped] = "false" },
        { "the label map gone", m => m.Labels = null },
        { "an operator taking it over", m => m.OwnerReferences = [new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Shop", Name = "shop", Uid = "o", Controller = true }] },
        { "another object under the same name", m => m.Uid = "uid-other" },
    };

    [Theory, MemberData(nameof(DecisiveChanges))]
    public void A_new_version_with_another_decisive_part_is_kept_anew(string change, Action<V1ObjectMeta> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        var kept = KubeApi.Snapshot(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), HeavyMetadata("shop", "api"));
        var next = HeavyMetadata("shop", "api");
        next.ResourceVersion = "4712";
        apply(next);

        ClusterView.Refresh(kept, next).ShouldBeNull(change);
    }

    // What a real cluster returns for a Deployment stopped by Tarnfui after kubectl apply.
    internal static V1ObjectMeta HeavyMetadata(string? ns, string name) => new()
    {
        NamespaceProperty = ns,
        Name = name,
        Uid = "uid-" + name,
        ResourceVersion = "4711",
        Generation = 12,
        CreationTimestamp = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        Annotations = new Dictionary<string, string>
        {
            [Revision] = "9",
            [LastApplied] = new string('x', 4096),
            ["example.com/owner-team"] = "payments",
            [WellKnown.Annotations.Downtime] = "Mon-Fri 19:00-07:00 Europe/Berlin",
            [Original] = "3",
            [StoppedAt] = "2026-11-23T19:00:00Z",
        },
        Labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = name,
            ["app.kubernetes.io/part-of"] = "shop",
            [WellKnown.Labels.Stopped] = "true",
        },
        ManagedFields =
        [
            new V1ManagedFieldsEntry { Manager = "kubectl-client-side-apply", Operation = "Update", ApiVersion = "apps/v1", FieldsType = "FieldsV1", FieldsV1 = new string('f', 4096) },
            new V1ManagedFieldsEntry { Manager = WellKnown.FieldManagers.Sweeper, Operation = "Update", ApiVersion = "apps/v1", FieldsType = "FieldsV1", FieldsV1 = "{}" },
        ],
    };
}

using System.Text;
using System.Text.Json.Nodes;
using NodaTime.Testing;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Tests.Store;

/// <summary>The bytes path of <see cref="ObjectStore.CreateMany(ResourceType, IEnumerable{ReadOnlyMemory{byte}})"/> against the tree path.</summary>
public sealed class ObjectStoreBulkTests
{
    private readonly FakeClock _clock = FakeClock.FromUtc(2026, 11, 23, 9, 0, 0);

    private static ObjectStore NewStore(FakeClock clock)
    {
        var store = new ObjectStore(clock, historyCapacity: 100);
        store.Create(ResourceTypes.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "team-a" } });
        return store;
    }

    // Complete objects, as the seeder writes them: defaults present, no store-owned fields.
    public static TheoryData<string, string, string> Objects => new()
    {
        {
            "a deployment without generation gets generation 1 then the store's fields",
            "deployments",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"team-a","labels":{"app":"web","tier":"front"}},"spec":{"replicas":0,"revisionHistoryLimit":10,"progressDeadlineSeconds":600,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}}}}"""
        },
        {
            "a replicaset that carries its generation keeps it in place",
            "replicasets",
            """{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-abc","namespace":"team-a","generation":1,"annotations":{"a":"\"quoted\" é"}},"spec":{"replicas":2,"revisionHistoryLimit":10}}"""
        },
        {
            "a pod keeps its phase and node for field selectors",
            "pods",
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"team-a"},"spec":{"nodeName":"node-2","containers":[]},"status":{"phase":"Running"}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void The_bytes_path_stores_what_the_tree_path_stores(string _, string plural, string json)
    {
        var type = ResourceTypes.All.Single(t => t.Plural == plural);
        var viaTree = NewStore(_clock);
        var viaBytes = NewStore(_clock);

        viaTree.CreateMany(type, [JsonNode.Parse(json)!.AsObject()]);
        viaBytes.CreateMany(type, [(ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(json)]);

        var tree = viaTree.All(type).ShouldHaveSingleItem();
        var bytes = viaBytes.All(type).ShouldHaveSingleItem();
        Encoding.UTF8.GetString(bytes.Json.Span).ShouldBe(Encoding.UTF8.GetString(tree.Json.Span).Replace(tree.Uid, bytes.Uid, StringComparison.Ordinal));
        Encoding.UTF8.GetString(bytes.MetadataJson.Span).ShouldBe(bytes.ToJsonObject()["metadata"]!.ToJsonString(StoreJson.SerializerOptions));
        (bytes.Key, bytes.ResourceVersion, bytes.Phase, bytes.NodeName).ShouldBe((tree.Key, tree.ResourceVersion, tree.Phase, tree.NodeName));
        bytes.Labels.ShouldBe(tree.Labels);
    }

    [Fact]
    public void Each_object_gets_its_own_uid_and_the_next_resource_version_and_watchers_see_them()
    {
        var store = NewStore(_clock);
        using var subscription = store.Subscribe(ResourceTypes.Deployments);
        var before = store.ResourceVersion;

        store.CreateMany(ResourceTypes.Deployments, Enumerable.Range(0, 3).Select(i => Draft($"d{i}")));

        var stored = store.All(ResourceTypes.Deployments);
        stored.Select(o => o.ResourceVersion).ShouldBe([before + 1, before + 2, before + 3]);
        stored.Select(o => o.Uid).Distinct().Count().ShouldBe(3);
        subscription.Changes.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData("a taken name is 409 AlreadyExists", """{"metadata":{"name":"d0","namespace":"team-a"}}""", 409)]
    [InlineData("a missing namespace is 404", """{"metadata":{"name":"x","namespace":"nowhere"}}""", 404)]
    public void Bulk_writes_fail_like_single_writes(string _, string json, int code)
    {
        var store = NewStore(_clock);
        store.CreateMany(ResourceTypes.Deployments, [Draft("d0")]);

        Should.Throw<StatusException>(() => store.CreateMany(ResourceTypes.Deployments, [(ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(json)])).Code.ShouldBe(code);
    }

    [Theory]
    [InlineData("a uid is the store's to set", """{"metadata":{"name":"x","namespace":"team-a","uid":"u"}}""")]
    [InlineData("a resourceVersion is the store's to set", """{"metadata":{"name":"x","namespace":"team-a","resourceVersion":"5"}}""")]
    [InlineData("a namespaced object needs a namespace", """{"metadata":{"name":"x"}}""")]
    [InlineData("an object needs metadata", """{"spec":{}}""")]
    public void Drafts_the_store_cannot_take_are_rejected_before_anything_is_stored(string _, string json)
    {
        var store = NewStore(_clock);

        Should.Throw<ArgumentException>(() => store.CreateMany(ResourceTypes.Deployments, [Draft("ok"), (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(json)]));

        store.Count(ResourceTypes.Deployments).ShouldBe(0);
    }

    private static ReadOnlyMemory<byte> Draft(string name) =>
        Encoding.UTF8.GetBytes($$$"""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{name}}}","namespace":"team-a"},"spec":{"replicas":1}}""");
}

using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Testing;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Tests.Store;

public sealed class ObjectStoreTests
{
    private readonly FakeClock _clock = FakeClock.FromUtc(2026, 11, 23, 9, 0, 0);
    private readonly ObjectStore _store;

    public ObjectStoreTests()
    {
        _store = new ObjectStore(_clock, historyCapacity: 100);
        _store.Create(ResourceTypes.Namespaces, Named("team-a"));
    }

    private static JsonObject Named(string name, string? ns = null, int? replicas = null)
    {
        var obj = new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } };
        if (ns is not null)
        {
            obj["metadata"]!["namespace"] = ns;
        }

        if (replicas is not null)
        {
            obj["spec"] = new JsonObject { ["replicas"] = replicas };
        }

        return obj;
    }

    [Fact]
    public void Create_stamps_metadata_from_the_clock_and_the_global_counter()
    {
        var before = _store.ResourceVersion;
        _clock.AdvanceMinutes(5);

        var created = _store.Create(ResourceTypes.Deployments, Named("web", "team-a", 2));

        created.ResourceVersion.ShouldBe(before + 1);
        var obj = created.ToJsonObject();
        ((string?)obj["metadata"]!["creationTimestamp"]).ShouldBe("2026-11-23T09:05:00Z");
        ((long?)obj["metadata"]!["generation"]).ShouldBe(1);
        ((string?)obj["apiVersion"], (string?)obj["kind"]).ShouldBe(("apps/v1", "Deployment"));
        created.Uid.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Namespaces_get_their_name_label()
    {
        var ns = _store.GetRequired(ResourceTypes.Namespaces, null, "team-a");

        ns.Label("kubernetes.io/metadata.name").ShouldBe("team-a");
    }

    [Fact]
    public void Metadata_json_is_exactly_the_metadata_value()
    {
        var created = _store.Create(ResourceTypes.Deployments, Named("web", "team-a", 2));

        var metadata = JsonNode.Parse(created.MetadataJson.Span)!;

        JsonNode.DeepEquals(metadata, created.ToJsonObject()["metadata"]).ShouldBeTrue();
    }

    [Fact]
    public void An_update_that_changes_nothing_keeps_the_resource_version()
    {
        var created = _store.Create(ResourceTypes.Deployments, Named("web", "team-a", 2));

        var same = _store.Update(ResourceTypes.Deployments, created.ToJsonObject());

        same.ResourceVersion.ShouldBe(created.ResourceVersion);
        _store.ResourceVersion.ShouldBe(created.ResourceVersion);
    }

    [Fact]
    public void Update_with_an_expected_version_that_moved_is_a_conflict()
    {
        var created = _store.Create(ResourceTypes.Deployments, Named("web", "team-a", 2));
        _store.Update(ResourceTypes.Deployments, "team-a", "web", obj => { obj["spec"]!["replicas"] = 3; return true; });

        var error = Should.Throw<StatusException>(() => _store.Update(ResourceTypes.Deployments, Named("web", "team-a", 0), created.ResourceVersion));

        error.Code.ShouldBe(409);
        error.Reason.ShouldBe("Conflict");
    }

    [Fact]
    public void Paging_by_key_continues_after_the_last_key_served()
    {
        _store.CreateMany(ResourceTypes.Deployments, Enumerable.Range(0, 7).Select(i => Named($"d{i}", "team-a", 1)));

        var first = _store.List(ResourceTypes.Deployments, "team-a", new ListQuery(Limit: 3));
        _store.Delete(ResourceTypes.Deployments, "team-a", "d3");
        var second = _store.List(ResourceTypes.Deployments, "team-a", new ListQuery(Limit: 3, Continue: first.Continue));

        first.Items.Select(o => o.Name).ShouldBe(["d0", "d1", "d2"]);
        second.Items.Select(o => o.Name).ShouldBe(["d4", "d5", "d6"]);
        second.Continue.ShouldBeNull();
    }

    [Fact]
    public void A_continue_token_older_than_the_history_is_410_expired()
    {
        _store.CreateMany(ResourceTypes.Deployments, Enumerable.Range(0, 4).Select(i => Named($"d{i}", "team-a", 1)));
        var first = _store.List(ResourceTypes.Deployments, "team-a", new ListQuery(Limit: 2));
        _store.CreateMany(ResourceTypes.Pods, Enumerable.Range(0, 150).Select(i => Named($"p{i}", "team-a")));

        var error = Should.Throw<StatusException>(() => _store.List(ResourceTypes.Deployments, "team-a", new ListQuery(Limit: 2, Continue: first.Continue)));

        error.Code.ShouldBe(410);
        error.Reason.ShouldBe("Expired");
    }

    [Fact]
    public async Task Subscription_replays_from_a_version_then_streams_live_changes()
    {
        var created = _store.Create(ResourceTypes.Deployments, Named("web", "team-a", 1));
        _store.Update(ResourceTypes.Deployments, "team-a", "web", obj => { obj["spec"]!["replicas"] = 2; return true; });

        using var subscription = _store.Subscribe(ResourceTypes.Deployments, "team-a", created.ResourceVersion - 1);
        _store.Delete(ResourceTypes.Deployments, "team-a", "web");

        var changes = new List<string>();
        while (changes.Count < 3)
        {
            var change = await subscription.Changes.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            changes.Add($"{change.WireType} {change.ResourceVersion - created.ResourceVersion}");
        }

        changes.ShouldBe(["ADDED 0", "MODIFIED 1", "DELETED 2"]);
    }

    [Fact]
    public void Subscribing_from_a_compacted_version_is_410()
    {
        var first = _store.Create(ResourceTypes.Deployments, Named("web", "team-a", 1));
        _store.CreateMany(ResourceTypes.Pods, Enumerable.Range(0, 150).Select(i => Named($"p{i}", "team-a")));

        Should.Throw<StatusException>(() => _store.Subscribe(ResourceTypes.Deployments, null, first.ResourceVersion)).Code.ShouldBe(410);
    }

    [Fact]
    public void Namespaced_list_and_all_namespaces_list_are_sorted_by_namespace_then_name()
    {
        _store.Create(ResourceTypes.Namespaces, Named("team-b"));
        _store.Create(ResourceTypes.Deployments, Named("z", "team-a", 1));
        _store.Create(ResourceTypes.Deployments, Named("a", "team-b", 1));
        _store.Create(ResourceTypes.Deployments, Named("a", "team-a", 1));

        _store.List(ResourceTypes.Deployments, null, ListQuery.All).Items.Select(o => o.Key.ToString()).ShouldBe(["team-a/a", "team-a/z", "team-b/a"]);
        _store.List(ResourceTypes.Deployments, "team-b", ListQuery.All).Items.Select(o => o.Key.ToString()).ShouldBe(["team-b/a"]);
    }

    [Fact]
    public void Clock_moves_creation_timestamps()
    {
        _clock.Advance(Duration.FromHours(10));

        var created = _store.Create(ResourceTypes.Leases, Named("lease", "team-a"));

        ((string?)created.ToJsonObject()["metadata"]!["creationTimestamp"]).ShouldBe("2026-11-23T19:00:00Z");
    }

    [Fact]
    public async Task Concurrent_read_modify_writes_lose_no_update()
    {
        _store.Create(ResourceTypes.Deployments, Named("web", "team-a", 0));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                _store.Update(ResourceTypes.Deployments, "team-a", "web", obj =>
                {
                    obj["spec"]!["replicas"] = (int)obj["spec"]!["replicas"]! + 1;
                    return true;
                });
            }
        })));

        var final = _store.GetRequired(ResourceTypes.Deployments, "team-a", "web").ToJsonObject();
        ((int)final["spec"]!["replicas"]!).ShouldBe(200);
        ((long)final["metadata"]!["generation"]!).ShouldBe(201);
    }
}

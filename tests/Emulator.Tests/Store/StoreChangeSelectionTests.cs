using System.Text.Json.Nodes;
using CsCheck;
using NodaTime;
using NodaTime.Testing;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Tests.Store;

/// <summary>
/// How a filtered watch sees a change (<see cref="StoreChange.Selected"/>), kube-apiserver's
/// <c>cacheWatcher.convertToWatchEvent</c>: the table of the four cases of an update, and the invariant it exists for.
/// </summary>
public sealed class StoreChangeSelectionTests
{
    private static readonly LabelSelector Stopped = LabelSelector.Parse("tarnfui.io/stopped=true");

    [Theory]
    [InlineData(true, true, "MODIFIED", "after")]
    [InlineData(false, true, "ADDED", "after")]
    [InlineData(true, false, "DELETED", "before")]
    [InlineData(false, false, null, null)]
    public void An_update_is_seen_by_whether_the_object_matched_before_and_after(bool before, bool after, string? seenAs, string? carrying)
    {
        var store = NewStore();
        store.Create(ResourceTypes.Deployments, Deployment("web", before, replicas: 1));
        var from = store.ResourceVersion;
        var updated = store.Update(ResourceTypes.Deployments, Deployment("web", after, replicas: 0));
        var change = Replay(store, from).ShouldHaveSingleItem();

        var seen = change.Selected(Stopped.Matches);

        seen?.WireType.ShouldBe(seenAs);
        if (seen is not null)
        {
            seen.ResourceVersion.ShouldBe(updated.ResourceVersion, "every event of an update carries the update's resourceVersion");
            seen.Item.ResourceVersion.ShouldBe(updated.ResourceVersion);
            var replicas = (int?)seen.Item.ToJsonObject()["spec"]!["replicas"];
            replicas.ShouldBe(carrying == "before" ? 1 : 0, $"the event carries the object as it was {carrying} the update");
        }
    }

    [Theory]
    [InlineData(true, "ADDED")]
    [InlineData(false, null)]
    public void A_creation_is_seen_when_the_object_matches(bool labelled, string? seenAs)
    {
        var store = NewStore();
        var from = store.ResourceVersion;
        store.Create(ResourceTypes.Deployments, Deployment("web", labelled, replicas: 1));

        Replay(store, from).ShouldHaveSingleItem().Selected(Stopped.Matches)?.WireType.ShouldBe(seenAs);
    }

    [Theory]
    [InlineData(true, "DELETED")]
    [InlineData(false, null)]
    public void A_deletion_is_seen_when_the_object_matched(bool labelled, string? seenAs)
    {
        var store = NewStore();
        store.Create(ResourceTypes.Deployments, Deployment("web", labelled, replicas: 1));
        var from = store.ResourceVersion;
        store.Delete(ResourceTypes.Deployments, "team", "web");

        Replay(store, from).ShouldHaveSingleItem().Selected(Stopped.Matches)?.WireType.ShouldBe(seenAs);
    }

    [Fact]
    public void A_filtered_watch_applied_to_an_empty_set_ends_with_exactly_the_matching_objects_at_their_versions()
    {
        // Each step: which of four objects, and what happens to it (0 labelled, 1 unlabelled, 2 other change, 3 delete).
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3]).Array[1, 40].Sample(steps =>
        {
            var store = NewStore();
            var from = store.ResourceVersion;
            foreach (var (index, action) in steps)
            {
                Apply(store, "w" + index, action);
            }

            var seen = new Dictionary<string, long>();
            foreach (var change in Replay(store, from).Select(c => c.Selected(Stopped.Matches)).OfType<StoreChange>())
            {
                switch (change.Type)
                {
                    case StoreChangeType.Added:
                        seen.ContainsKey(change.Item.Name).ShouldBeFalse($"ADDED {change.Item.Name} while the watch already held it");
                        seen[change.Item.Name] = change.ResourceVersion;
                        break;
                    case StoreChangeType.Modified:
                        seen.ContainsKey(change.Item.Name).ShouldBeTrue($"MODIFIED {change.Item.Name} the watch did not hold");
                        seen[change.Item.Name] = change.ResourceVersion;
                        break;
                    default:
                        seen.Remove(change.Item.Name).ShouldBeTrue($"DELETED {change.Item.Name} the watch did not hold");
                        break;
                }
            }

            var matching = store.All(ResourceTypes.Deployments).Where(Stopped.Matches).Select(o => (o.Name, o.ResourceVersion));
            seen.Select(e => (e.Key, e.Value)).Order().ShouldBe(matching.Order());
        });
    }

    private static void Apply(ObjectStore store, string name, int action)
    {
        var current = store.Get(ResourceTypes.Deployments, "team", name);
        var replicas = current is null ? 1 : ((int?)current.ToJsonObject()["spec"]!["replicas"] ?? 0) + 1;
        switch (action)
        {
            case 3 when current is not null:
                store.Delete(ResourceTypes.Deployments, "team", name);
                break;
            case 2 when current is not null:
                store.Update(ResourceTypes.Deployments, Deployment(name, Stopped.Matches(current), replicas));
                break;
            default:
                var labelled = action == 0;
                if (current is null)
                {
                    store.Create(ResourceTypes.Deployments, Deployment(name, labelled, replicas));
                }
                else
                {
                    store.Update(ResourceTypes.Deployments, Deployment(name, labelled, replicas));
                }

                break;
        }
    }

    private static ObjectStore NewStore()
    {
        var store = new ObjectStore(new FakeClock(Instant.FromUtc(2026, 11, 23, 22, 0)));
        store.Create(ResourceTypes.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "team" } });
        return store;
    }

    private static List<StoreChange> Replay(ObjectStore store, long from)
    {
        using var subscription = store.Subscribe(ResourceTypes.Deployments, "team", from);
        var changes = new List<StoreChange>();
        while (subscription.Changes.TryRead(out var change))
        {
            changes.Add(change);
        }

        return changes;
    }

    private static JsonObject Deployment(string name, bool stopped, int replicas)
    {
        var labels = new JsonObject { ["app"] = name };
        if (stopped)
        {
            labels["tarnfui.io/stopped"] = "true";
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "team", ["labels"] = labels },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        };
    }
}

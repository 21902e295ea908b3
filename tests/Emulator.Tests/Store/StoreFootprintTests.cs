using System.Text.Json.Nodes;
using NodaTime.Testing;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Store;
using Xunit.Abstractions;

namespace Tarnfui.Emulator.Tests.Store;

/// <summary>Measures heap across a seeding, so it runs alone: no other test allocates meanwhile.</summary>
[CollectionDefinition(nameof(StoreFootprint), DisableParallelization = true)]
public sealed class StoreFootprint;

/// <summary>
/// What a stored Deployment costs the emulator (issue 23: a million of them on one machine): the seeded store keeps
/// each object as its UTF-8 JSON plus the few values selectors need, with the strings many objects repeat held once.
/// </summary>
[Collection(nameof(StoreFootprint))]
public sealed class StoreFootprintTests(ITestOutputHelper output)
{
    [Fact]
    public void A_seeded_Deployment_with_its_ReplicaSet_costs_the_store_under_4_KiB()
    {
        // The sweep-cost cluster's proportions: 99 % at zero, 2 pods for the rest, 200 Deployments per namespace.
        const int Deployments = 20_000;
        var clock = FakeClock.FromUtc(2026, 11, 23, 9, 0, 0);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var store = new ObjectStore(clock, historyCapacity: 1_000);

        var seeded = StoreSeeder.Seed(store, new ClusterShape { Namespaces = Deployments / 200, Deployments = Deployments, ZeroFraction = 0.99, RunningReplicas = 2 }, clock.GetCurrentInstant());

        var perDeployment = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)Deployments;
        GC.KeepAlive(store);
        output.WriteLine($"{seeded.Workloads:N0} workloads, {seeded.ReplicaSets:N0} ReplicaSets, {seeded.Pods:N0} pods: {perDeployment:N0} B per Deployment");
        store.Count(ResourceTypes.ReplicaSets).ShouldBeGreaterThanOrEqualTo(Deployments);
        perDeployment.ShouldBeLessThan(4 * 1024, "a Deployment and its ReplicaSet are about 2.5 KB of JSON; the rest is the store's own per-object cost");
    }

    public static TheoryData<string> Paths => new() { "tree", "bytes" };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Objects_share_their_namespace_label_keys_and_a_label_value_equal_to_their_name(string path)
    {
        var store = new ObjectStore(FakeClock.FromUtc(2026, 11, 23, 9, 0, 0), historyCapacity: 10);
        store.Create(ResourceTypes.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "team-shared" } });
        string[] names = ["web", "api"];
        if (path == "tree")
        {
            store.CreateMany(ResourceTypes.Deployments, names.Select(Deployment));
        }
        else
        {
            store.CreateMany(ResourceTypes.Deployments, names.Select(n => (ReadOnlyMemory<byte>)System.Text.Encoding.UTF8.GetBytes(Deployment(n).ToJsonString())));
        }

        var (web, api) = (store.GetRequired(ResourceTypes.Deployments, "team-shared", "web"), store.GetRequired(ResourceTypes.Deployments, "team-shared", "api"));
        ReferenceEquals(web.Namespace, api.Namespace).ShouldBeTrue("one namespace string");
        ReferenceEquals(web.Labels[0].Key, api.Labels[0].Key).ShouldBeTrue("one string per label key");
        ReferenceEquals(web.Labels[0].Value, web.Name).ShouldBeTrue("app=<name> shares the name");
        web.Label("app").ShouldBe("web");
        api.Label("tier").ShouldBe("back");
    }

    // Complete as the bytes path asks (apiVersion, kind, the defaults), so both paths store the same object.
    private static JsonObject Deployment(string name) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "team-shared", ["labels"] = new JsonObject { ["app"] = name, ["tier"] = "back" } },
        ["spec"] = new JsonObject { ["replicas"] = 0, ["revisionHistoryLimit"] = 10, ["progressDeadlineSeconds"] = 600, ["strategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" } } },
    };
}

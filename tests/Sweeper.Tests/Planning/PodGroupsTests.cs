using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

public class PodGroupsTests
{
    [Fact]
    public void Pods_whose_workload_is_known_come_first_then_each_replica_set_to_read_with_its_pods()
    {
        var owners = new OwnerCache();
        owners.Set("rs-known", new WorkloadRef(WorkloadKind.Deployment, "shop", "api"));
        var page = new[]
        {
            Pods.Owned("shop", "web-1", "ReplicaSet", "web-7f9", "rs-web"),
            Pods.Owned("shop", "api-1", "ReplicaSet", "api-5d8", "rs-known"),
            Pods.Owned("shop", "cart-1", "ReplicaSet", "cart-1a2", "rs-cart"),
            Pods.Owned("shop", "web-2", "ReplicaSet", "web-7f9", "rs-web"),
            Pods.Owned("shop", "db-0", "StatefulSet", "db", "sts-db"),
            Pods.Bare("shop", "debug"),
        };

        var groups = PodGroups.Of(RunningPod.Page(page), owners);

        groups.Known.Select(p => p.Controller?.Name).ShouldBe(["api-5d8", "db", null]);
        groups.ToRead.Select(g => (g.ReplicaSet.Uid, g.Pods.Count)).ShouldBe([("rs-web", 2), ("rs-cart", 1)]);
        groups.ToRead[0].Pods.ShouldAllBe(p => ReferenceEquals(p.Controller, groups.ToRead[0].ReplicaSet));
    }

    [Fact]
    public void A_replica_set_whose_entry_aged_out_is_read_again()
    {
        var owners = new OwnerCache(NodaTime.Duration.FromMinutes(5));
        owners.BeginSweep(NodaTime.Instant.FromUtc(2026, 11, 23, 12, 0));
        owners.Set("rs-old", new WorkloadRef(WorkloadKind.Deployment, "shop", "api"));
        owners.BeginSweep(NodaTime.Instant.FromUtc(2026, 11, 23, 13, 0));

        PodGroups.Of(RunningPod.Page([Pods.Owned("shop", "api-1", "ReplicaSet", "api-5d8", "rs-old")]), owners).ToRead.ShouldHaveSingleItem().ReplicaSet.Uid.ShouldBe("rs-old");
    }
}

using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>The owner cache across a night: what a held workload keeps, and what its restore's answer makes of it.</summary>
public class OwnerCacheTests
{
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 27, 19, 0);
    private static readonly WorkloadRef Web = new(WorkloadKind.Deployment, "shop", "web");
    private static readonly WorkloadRef Canary = new(WorkloadKind.Rollout, "shop", "canary");
    private static readonly WorkloadRef Gone = new(WorkloadKind.Deployment, "shop", "gone");

    [Fact]
    public void A_held_workloads_replica_sets_outlive_the_night_and_others_do_not()
    {
        var owners = Night();

        owners.ReadThisSweep("rs-web").ShouldBeFalse();
        owners.Find("rs-web").ShouldBe(Web, "held: kept for the morning");
        owners.Find("rs-canary").ShouldBe(Canary, "held: kept for the morning");
        owners.Find("rs-gone").ShouldBeNull("not held and not running: forgotten");
    }

    [Fact]
    public void The_restores_answer_makes_the_entry_an_exact_fresh_copy_of_the_deployment()
    {
        var owners = Night();
        owners.Contains("rs-web").ShouldBeFalse("aged over the weekend");

        var restored = Pods.Deployment("shop", "web", 3, new Dictionary<string, string> { [WellKnown.DeploymentAnnotations.Revision] = "4" }) with { ResourceVersion = "90" };
        owners.Released(restored);

        owners.Contains("rs-web").ShouldBeTrue("as good as read at the restore");
        var copy = owners.Copy("rs-web").ShouldNotBeNull();
        (copy.Exact, copy.Replicas, copy.Revision, copy.ResourceVersion).ShouldBe((true, 3, "4", "90"));
        owners.Contains("rs-canary").ShouldBeFalse("another workload's entry is not touched");
    }

    [Fact]
    public void A_rollouts_entry_keeps_its_owner_only_after_the_restore()
    {
        var owners = Night();

        owners.Released(Pods.Deployment("shop", "canary", 2) with { Ref = Canary });

        owners.Contains("rs-canary").ShouldBeTrue();
        owners.Copy("rs-canary").ShouldBeNull("a Rollout's ReplicaSet carries no copy the planner can test");
        owners.Find("rs-canary").ShouldBe(Canary);
    }

    // Friday evening: web (with a copy), canary and gone run; web and canary are then stopped and held, gone is deleted.
    // The weekend's sweeps see no pod of any of them; Monday morning comes.
    private static OwnerCache Night()
    {
        var owners = new OwnerCache(Duration.FromMinutes(5));
        owners.BeginSweep(Evening);
        owners.Set("rs-web", new ReplicaSetCopy(Web, "uid-web", "3", 2, SmallDictionary.Empty));
        owners.Set("rs-canary", Canary);
        owners.Set("rs-gone", Gone);
        owners.EvictUnseen(IsHeld);
        for (var hours = 12; hours <= 60; hours += 12)
        {
            owners.BeginSweep(Evening + Duration.FromHours(hours));
            owners.EvictUnseen(IsHeld);
        }

        owners.BeginSweep(Evening + Duration.FromHours(60));
        return owners;

        static bool IsHeld(WorkloadRef workload) => workload == Web || workload == Canary;
    }
}

using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// The owner cache across a night: what a held workload keeps, and what its restore's answer makes of it; what the
/// watch of the running ReplicaSets keeps current, and how long a Deployment read in full stands for it.
/// </summary>
public class OwnerCacheTests
{
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 27, 19, 0);
    private static readonly WorkloadRef Web = new(WorkloadKind.Deployment, "shop", "web");
    private static readonly WorkloadRef Canary = new(WorkloadKind.Rollout, "shop", "canary");
    private static readonly WorkloadRef Gone = new(WorkloadKind.Deployment, "shop", "gone");
    private static readonly OwnerRef WebReplicaSet = new(OwnerWalk.ReplicaSet, "shop", "web-5d8f7c9b4", "3f0c5a4e-8d1b-4a5e-9c61-2f7e0b9d4a11");

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
    public void A_held_entry_lets_go_of_its_copy_and_the_restores_answer_still_makes_an_exact_one()
    {
        var owners = new OwnerCache(Duration.FromMinutes(5));
        owners.BeginSweep(Evening);
        owners.Set("rs-web", new ReplicaSetCopy(Web, "uid-web", "3", 2, SmallDictionary.Empty));
        owners.Set("rs-canary", Canary);

        owners.Held("rs-web");
        owners.Held("rs-canary");
        owners.Held("rs-unknown");

        owners.Copy("rs-web").ShouldBeNull("nothing decides from it while web is held");
        (owners.Find("rs-web"), owners.Contains("rs-web")).ShouldBe((Web, true), "its workload and age are kept");
        owners.BeginSweep(Evening + Duration.FromHours(60));
        owners.Released(Pods.Deployment("shop", "web", 2) with { ResourceVersion = "90" });
        owners.Released(Pods.Deployment("shop", "canary", 2) with { Ref = Canary });
        owners.Copy("rs-web").ShouldNotBeNull("it had a copy: the restore's answer is one").Exact.ShouldBeTrue();
        owners.Copy("rs-canary").ShouldBeNull("it had none: still none");
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

    [Fact]
    public void A_replica_set_the_watch_holds_is_current_at_any_age_with_the_copy_it_last_brought()
    {
        var watched = new Dictionary<OwnerRef, WatchedReplicaSet> { [WebReplicaSet] = Watched(replicas: 2) };
        var owners = new OwnerCache(Duration.FromMinutes(5), rs => watched.GetValueOrDefault(rs));
        owners.BeginSweep(Evening);
        owners.Copy(WebReplicaSet).ShouldNotBeNull().Replicas.ShouldBe(2);

        owners.BeginSweep(Evening + Duration.FromDays(3));
        owners.Contains(WebReplicaSet).ShouldBeTrue("the watch keeps it current");
        watched[WebReplicaSet] = Watched(replicas: 3);
        owners.Copy(WebReplicaSet).ShouldNotBeNull().Replicas.ShouldBe(3, "the count the deployment controller copied since");
        owners.Find(WebReplicaSet).ShouldBe(Web);
    }

    [Fact]
    public void A_replica_set_the_watch_no_longer_holds_keeps_its_last_copy_until_it_ages()
    {
        var watched = new Dictionary<OwnerRef, WatchedReplicaSet> { [WebReplicaSet] = Watched(replicas: 2) };
        var owners = new OwnerCache(Duration.FromMinutes(5), rs => watched.GetValueOrDefault(rs));
        owners.BeginSweep(Evening);
        owners.Contains(WebReplicaSet).ShouldBeTrue();
        watched.Clear();

        owners.BeginSweep(Evening + Duration.FromMinutes(2));
        owners.Contains(WebReplicaSet).ShouldBeTrue("scaled to zero a moment ago, its pods still terminating: as good as read then");
        owners.BeginSweep(Evening + Duration.FromMinutes(5));
        owners.Contains(WebReplicaSet).ShouldBeFalse("older than the maximum age, and no watch says more");
        owners.Find(WebReplicaSet).ShouldBe(Web, "its owner stays known");
    }

    public static TheoryData<string, Duration, int, bool> ExactCases => new()
    {
        { "the watched copy has not moved, within the maximum age: the Deployment read stands", Duration.FromMinutes(1), 2, true },
        { "the watched copy moved (a count copied since): the watched copy replaces the read", Duration.FromMinutes(1), 3, false },
        { "older than the maximum age: an annotation's removal is never copied, so the copy is used again", Duration.FromMinutes(5), 2, false },
    };

    [Theory]
    [MemberData(nameof(ExactCases))]
    public void A_deployment_read_in_full_stands_for_it_while_the_watched_copy_is_unchanged_and_it_is_young(string because, Duration after, int watchedReplicas, bool exact)
    {
        var watched = new Dictionary<OwnerRef, WatchedReplicaSet> { [WebReplicaSet] = Watched(replicas: 2) };
        var owners = new OwnerCache(Duration.FromMinutes(5), rs => watched.GetValueOrDefault(rs));
        owners.BeginSweep(Evening);
        owners.Copy(WebReplicaSet);
        owners.Set(WebReplicaSet.Uid, ReplicaSetCopy.Of(Pods.Deployment("shop", "web", 2)));

        owners.BeginSweep(Evening + after);
        watched[WebReplicaSet] = Watched(replicas: watchedReplicas);

        var copy = owners.Copy(WebReplicaSet).ShouldNotBeNull();
        copy.Exact.ShouldBe(exact, because);
        owners.Contains(WebReplicaSet).ShouldBeTrue("the watch holds it either way");
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

    // What the watch brings of web's ReplicaSet: the deployment controller's copy of web at that count.
    private static WatchedReplicaSet Watched(int replicas) =>
        new(WebReplicaSet.Uid, Web, new ReplicaSetCopy(Web, "uid-web", "3", replicas, SmallDictionary.Empty));
}

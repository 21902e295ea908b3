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
    private static readonly WorkloadRef Api = new(WorkloadKind.Deployment, "shop", "api");

    /// <summary>What a ReplicaSet's entry holds when its workload is released.</summary>
    public enum EntryBefore
    {
        /// <summary>A copy of the Deployment, as read.</summary>
        Copy,

        /// <summary>A copy, let go of when the workload was stopped and held.</summary>
        HeldCopy,

        /// <summary>Its workload only.</summary>
        NoCopy,

        /// <summary>Its workload only, and held.</summary>
        HeldNoCopy,
    }

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

    public static TheoryData<string, WorkloadKind, EntryBefore, bool, int> ReleaseCases()
    {
        var rules = new (string Because, WorkloadKind Kind, EntryBefore Before, bool Exact)[]
        {
            ("a Deployment's entry with its copy: the answer replaces it, exact", WorkloadKind.Deployment, EntryBefore.Copy, true),
            ("a held Deployment's entry, its copy let go: the answer is one, exact", WorkloadKind.Deployment, EntryBefore.HeldCopy, true),
            ("a Deployment's entry without a usable copy: still none", WorkloadKind.Deployment, EntryBefore.NoCopy, false),
            ("a held Deployment's entry that had no copy: still none", WorkloadKind.Deployment, EntryBefore.HeldNoCopy, false),
            ("a Rollout's entry: its ReplicaSets carry no copy the planner can test", WorkloadKind.Rollout, EntryBefore.NoCopy, false),
            ("a held Rollout's entry", WorkloadKind.Rollout, EntryBefore.HeldNoCopy, false),
            ("a Rollout's entry, whatever it held: a copy is a Deployment's only", WorkloadKind.Rollout, EntryBefore.HeldCopy, false),
        };

        // Each rule as the run's first release and as a later one, which the cache may answer from what it keeps for the run.
        var cases = new TheoryData<string, WorkloadKind, EntryBefore, bool, int>();
        foreach (var (because, kind, before, exact) in rules)
        {
            foreach (var releasedEarlier in (int[])[0, 2])
            {
                cases.Add(because, kind, before, exact, releasedEarlier);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(ReleaseCases))]
    public void A_release_makes_every_entry_of_its_workload_read_now_with_the_answer_as_copy_where_a_copy_is_kept(
        string because, WorkloadKind kind, EntryBefore before, bool exact, int releasedEarlier)
    {
        var workload = new WorkloadRef(kind, "shop", "web");
        string[] replicaSets = ["rs-web-old", "rs-web-new"];
        var owners = new OwnerCache(Duration.FromMinutes(5));
        owners.BeginSweep(Evening);
        foreach (var uid in replicaSets)
        {
            if (before is EntryBefore.NoCopy or EntryBefore.HeldNoCopy)
            {
                owners.Set(uid, workload);
            }
            else
            {
                owners.Set(uid, new ReplicaSetCopy(workload, "uid-web", "3", 2, SmallDictionary.Empty));
            }

            if (before is EntryBefore.HeldCopy or EntryBefore.HeldNoCopy)
            {
                owners.Held(uid);
            }
        }

        owners.Set("rs-api", new ReplicaSetCopy(Api, "uid-api", "3", 2, SmallDictionary.Empty));
        owners.BeginSweep(Evening + Duration.FromHours(60));
        for (var earlier = 0; earlier < releasedEarlier; earlier++)
        {
            owners.Released(Pods.Deployment("shop", $"earlier-{earlier}", 1));
        }

        owners.Released(Pods.Deployment("shop", "web", 3) with { Ref = new WorkloadRef(kind, "shop", "web"), ResourceVersion = "90" });

        foreach (var uid in replicaSets)
        {
            owners.ReadThisSweep(uid).ShouldBeTrue(because);
            (owners.Find(uid), owners.Contains(uid)).ShouldBe((workload, true), because);
            var copy = owners.Copy(uid);
            if (exact)
            {
                copy.ShouldNotBeNull(because);
                (copy.Deployment, copy.Exact, copy.Replicas, copy.ResourceVersion).ShouldBe((workload, true, 3, "90"), because);
            }
            else
            {
                copy.ShouldBeNull(because);
            }
        }

        owners.ReadThisSweep("rs-api").ShouldBeFalse("another workload's entry is not touched");
    }

    public static TheoryData<string, string, string, string, bool> ChangesWithinARun => new()
    {
        { "a ReplicaSet read since as the released workload's joins its entries", "read as web's", "web", "web", true },
        { "a ReplicaSet the watch has since put under another workload is not the released one's any more", "watched as api's", "web", "api", false },
        { "the release of the workload the watch put it under finds it", "watched as api's", "api", "api", true },
        { "a ReplicaSet read since as another workload's is not the released one's any more", "read as api's", "web", "api", false },
        { "the release of the workload it was read under finds it", "read as api's", "api", "api", true },
        { "a ReplicaSet evicted and read again is a new entry, found", "evicted and read again", "web", "web", true },
    };

    [Theory]
    [MemberData(nameof(ChangesWithinARun))]
    public void A_release_within_a_run_finds_the_entries_as_they_are_after_any_change_since_the_run_began(
        string because, string change, string released, string owner, bool exact)
    {
        var xReplicaSet = new OwnerRef(OwnerWalk.ReplicaSet, "shop", "x-5d8f7c9b4", "rs-x");
        var watched = new Dictionary<OwnerRef, WatchedReplicaSet>();
        var owners = new OwnerCache(Duration.FromMinutes(5), rs => watched.GetValueOrDefault(rs));
        owners.BeginSweep(Evening);
        owners.Set("rs-x", CopyOf(Web));
        owners.Set("rs-api", CopyOf(Api));
        owners.BeginSweep(Evening + Duration.FromHours(60));

        // A run of releases under way: what the cache keeps for it must not outlive the change below.
        owners.Released(Pods.Deployment("shop", "canary", 2) with { Ref = Canary });
        owners.Released(Pods.Deployment("shop", "gone", 2));
        switch (change)
        {
            case "read as web's":
                owners.Set("rs-x", CopyOf(Web));
                break;
            case "watched as api's":
                watched[xReplicaSet] = new WatchedReplicaSet("rs-x", Api, CopyOf(Api));
                owners.Find(xReplicaSet).ShouldBe(Api);
                break;
            case "read as api's":
                owners.Set("rs-x", CopyOf(Api));
                break;
            case "evicted and read again":
                owners.EvictUnseen().ShouldBe(2, "neither was seen in this sweep, and nothing is held");
                owners.Set("rs-x", CopyOf(Web));
                break;
        }

        owners.Released(Pods.Deployment("shop", released, 3) with { ResourceVersion = "90" });

        var copy = owners.Copy("rs-x").ShouldNotBeNull();
        (copy.Deployment.Name, copy.Exact).ShouldBe((owner, exact), because);
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

    // What a ReplicaSet of the Deployment carries of it, as the stop route reads it (not exact).
    private static ReplicaSetCopy CopyOf(WorkloadRef deployment) => new(deployment, "uid-" + deployment.Name, "3", 2, SmallDictionary.Empty);

    // What the watch brings of web's ReplicaSet: the deployment controller's copy of web at that count.
    private static WatchedReplicaSet Watched(int replicas) =>
        new(WebReplicaSet.Uid, Web, new ReplicaSetCopy(Web, "uid-web", "3", replicas, SmallDictionary.Empty));
}

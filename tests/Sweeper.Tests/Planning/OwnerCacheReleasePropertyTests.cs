using CsCheck;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// Whatever a sweeper does to its owner cache (sweeps begun at any pace, ReplicaSets read with and without a copy,
/// held, invalidated, looked up with and without the watch, moved to another workload by the watch, evicted, and
/// workloads released in runs or one at a time), the cache answers every question as <see cref="OwnerCacheReference"/>
/// does, where each release scans every entry: nothing the cache keeps to answer a run of releases faster answers for
/// entries that changed since. A few ReplicaSets of a few workloads, so that runs of releases meet every kind of change.
/// </summary>
public class OwnerCacheReleasePropertyTests
{
    private const int Sequences = 3000;

    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 27, 19, 0);
    private static readonly Duration MaxAge = Duration.FromMinutes(5);

    private static readonly WorkloadRef?[] Workloads =
    [
        new(WorkloadKind.Deployment, "shop", "web"),
        new(WorkloadKind.Deployment, "shop", "api"),
        new(WorkloadKind.Rollout, "shop", "canary"),
        null,
    ];

    // Texts and an RFC 4122 UUID: the cache keeps the two kinds of UID apart.
    private static readonly string[] Uids = ["rs-0", "rs-1", "rs-2", "rs-3", "3f0c5a4e-8d1b-4a5e-9c61-2f7e0b9d4a11"];

    private static readonly Gen<int> Uid = Gen.Int[0, Uids.Length - 1];
    private static readonly Gen<int> Workload = Gen.Int[0, Workloads.Length - 1];
    private static readonly Gen<int> Deployment = Gen.Int[0, 1];
    private static readonly Gen<int> Owned = Gen.Int[0, 2];
    private static readonly Gen<int> Replicas = Gen.Int[0, 3];

    private static readonly Gen<Step> Steps = Gen.Frequency(
        (2, Gen.Int[0, 4].Select(minutes => (Step)new BeginSweep(minutes))),
        (2, Gen.Select(Uid, Workload, (uid, workload) => (Step)new SetWorkload(uid, workload))),
        (3, Gen.Select(Uid, Deployment, Replicas, Gen.Bool, (uid, deployment, replicas, exact) => (Step)new SetCopy(uid, deployment, replicas, exact))),
        (2, Uid.Select(uid => (Step)new Held(uid))),
        (1, Uid.Select(uid => (Step)new Invalidate(uid))),
        (8, Gen.Select(Owned, Replicas, (workload, replicas) => (Step)new Released(workload, replicas))),
        (2, Gen.Select(Uid, Workload, Replicas, Gen.Bool, (uid, workload, replicas, copy) => (Step)new Watch(uid, workload, copy ? replicas : null))),
        (1, Uid.Select(uid => (Step)new Unwatch(uid))),
        (5, Gen.Select(Gen.Enum<Question>(), Uid, Gen.Bool, (question, uid, watched) => (Step)new Asked(question, uid, watched))),
        (1, Gen.Int[0, 7].Select(heldMask => (Step)new EvictUnseen(heldMask))));

    private enum Question
    {
        Find,
        Copy,
        Contains,
    }

    [Fact]
    public void The_cache_answers_as_the_reference_that_scans_every_entry_at_every_release()
    {
        // The sequences come from one seeded generator: the same ones on every run.
        var random = new PCG(7, 20261127);
        var all = Steps.Array[1, 40];
        for (var sequence = 0; sequence < Sequences; sequence++)
        {
            Replay(all.Generate(random, null, out _));
        }
    }

    private static void Replay(Step[] steps)
    {
        var watch = new Dictionary<OwnerRef, WatchedReplicaSet>();
        var cache = new OwnerCache(MaxAge, replicaSet => watch.GetValueOrDefault(replicaSet));
        var reference = new OwnerCacheReference(MaxAge, replicaSet => watch.GetValueOrDefault(replicaSet));
        var now = Evening;
        cache.BeginSweep(now);
        reference.BeginSweep(now);
        var trail = string.Join(", ", steps);
        for (var at = 0; at < steps.Length; at++)
        {
            var because = $"step {at} of [{trail}]";
            switch (steps[at])
            {
                case BeginSweep(var minutes):
                    now += Duration.FromMinutes(minutes);
                    cache.BeginSweep(now);
                    reference.BeginSweep(now);
                    break;
                case SetWorkload(var uid, var workload):
                    cache.Set(Uids[uid], Workloads[workload]);
                    reference.Set(Uids[uid], Workloads[workload]);
                    break;
                case SetCopy(var uid, var deployment, var replicas, var exact):
                    cache.Set(Uids[uid], CopyOf(deployment, replicas, exact));
                    reference.Set(Uids[uid], CopyOf(deployment, replicas, exact));
                    break;
                case Held(var uid):
                    cache.Held(Uids[uid]);
                    reference.Held(Uids[uid]);
                    break;
                case Invalidate(var uid):
                    cache.Invalidate(Uids[uid]);
                    reference.Invalidate(Uids[uid]);
                    break;
                case Released(var workload, var replicas):
                    cache.Released(Answer(workload, replicas));
                    reference.Released(Answer(workload, replicas));
                    break;
                case Watch(var uid, var workload, var replicas):
                    watch[ReplicaSet(uid)] = Watched(uid, workload, replicas);
                    break;
                case Unwatch(var uid):
                    watch.Remove(ReplicaSet(uid));
                    break;
                case Asked(var question, var uid, var watched):
                    Ask(cache, question, uid, watched).ShouldBe(Ask(reference, question, uid, watched), because);
                    break;
                case EvictUnseen(var heldMask):
                    cache.EvictUnseen(workload => IsHeld(workload, heldMask)).ShouldBe(reference.EvictUnseen(workload => IsHeld(workload, heldMask)), because);
                    break;
            }

            // What can be asked without marking an entry in use, after every step.
            Observe(cache).ShouldBe(Observe(reference), because);
        }

        // And at the end, every question about every ReplicaSet.
        foreach (var question in Enum.GetValues<Question>())
        {
            for (var uid = 0; uid < Uids.Length; uid++)
            {
                Ask(cache, question, uid, watched: false).ShouldBe(Ask(reference, question, uid, watched: false), $"{question} {Uids[uid]} after [{trail}]");
            }
        }
    }

    private static string Ask(OwnerCache cache, Question question, int uid, bool watched) => (question, watched) switch
    {
        (Question.Find, true) => $"{cache.Find(ReplicaSet(uid))}",
        (Question.Find, false) => $"{cache.Find(Uids[uid])}",
        (Question.Copy, true) => Describe(cache.Copy(ReplicaSet(uid))),
        (Question.Copy, false) => Describe(cache.Copy(Uids[uid])),
        (Question.Contains, true) => $"{cache.Contains(ReplicaSet(uid))}",
        _ => $"{cache.Contains(Uids[uid])}",
    };

    private static string Ask(OwnerCacheReference reference, Question question, int uid, bool watched) => (question, watched) switch
    {
        (Question.Find, true) => $"{reference.Find(ReplicaSet(uid))}",
        (Question.Find, false) => $"{reference.Find(Uids[uid])}",
        (Question.Copy, true) => Describe(reference.Copy(ReplicaSet(uid))),
        (Question.Copy, false) => Describe(reference.Copy(Uids[uid])),
        (Question.Contains, true) => $"{reference.Contains(ReplicaSet(uid))}",
        _ => $"{reference.Contains(Uids[uid])}",
    };

    private static string Observe(OwnerCache cache) =>
        $"{cache.Count} entries; " + string.Join("; ", Uids.Select(uid => $"{uid}: read {cache.ReadThisSweep(uid)}, aged {Describe(cache.AgedCopy(uid))}"));

    private static string Observe(OwnerCacheReference reference) =>
        $"{reference.Count} entries; " + string.Join("; ", Uids.Select(uid => $"{uid}: read {reference.ReadThisSweep(uid)}, aged {Describe(reference.AgedCopy(uid))}"));

    // Every field a decision reads; the annotations by count (none here), as each release makes a new map of its own.
    private static string Describe(ReplicaSetCopy? copy) =>
        copy is null
            ? "none"
            : $"{copy.Deployment} {copy.Uid} revision {copy.Revision} x{copy.Replicas} exact {copy.Exact} operator {copy.OperatorOwned} version {copy.ResourceVersion} annotations {copy.Annotations.Count}";

    private static bool IsHeld(WorkloadRef workload, int heldMask) =>
        Array.IndexOf(Workloads, workload) is var index and >= 0 && (heldMask & (1 << index)) != 0;

    private static OwnerRef ReplicaSet(int uid) => new(OwnerWalk.ReplicaSet, "shop", $"rs-name-{uid}", Uids[uid]);

    private static ReplicaSetCopy CopyOf(int deployment, int replicas, bool exact)
    {
        var workload = Workloads[deployment]!;
        return exact
            ? ReplicaSetCopy.Of(Answer(deployment, replicas))
            : new ReplicaSetCopy(workload, "uid-" + workload.Name, "3", replicas, SmallDictionary.Empty);
    }

    // The workload as a write's answer brings it: a reference of its own, equal to the entries' but not the same instance.
    private static WorkloadSnapshot Answer(int workload, int replicas)
    {
        var named = Workloads[workload]!;
        return Pods.Deployment(named.Namespace, named.Name, replicas) with
        {
            Ref = new WorkloadRef(named.Kind, named.Namespace, named.Name),
            ResourceVersion = $"{90 + replicas}",
        };
    }

    private static WatchedReplicaSet Watched(int uid, int workload, int? replicas) =>
        new(Uids[uid], Workloads[workload], Workloads[workload] is { } owner && owner.Kind == WorkloadKind.Deployment && replicas is { } count
            ? new ReplicaSetCopy(owner, "uid-" + owner.Name, "3", count, SmallDictionary.Empty)
            : null);

    private abstract record Step;

    private sealed record BeginSweep(int Minutes) : Step;

    private sealed record SetWorkload(int Uid, int Workload) : Step;

    private sealed record SetCopy(int Uid, int Deployment, int Replicas, bool Exact) : Step;

    private sealed record Held(int Uid) : Step;

    private sealed record Invalidate(int Uid) : Step;

    private sealed record Released(int Workload, int Replicas) : Step;

    private sealed record Watch(int Uid, int Workload, int? Replicas) : Step;

    private sealed record Unwatch(int Uid) : Step;

    private sealed record Asked(Question Question, int Uid, bool Watched) : Step;

    private sealed record EvictUnseen(int HeldMask) : Step;
}

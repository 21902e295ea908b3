using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Bench.Planning;

/// <summary>
/// A morning's restore pass as the owner cache sees it: <see cref="HeldWorkloads"/> Deployments stopped and held
/// overnight (each with the entry of its ReplicaSet, every tenth with a second one, stopped mid-rollout), then
/// released one by one as their restores' answers land (<see cref="OwnerCache.Released"/>). Each invocation releases
/// every workload of a cache filled afresh, so what a first release builds is measured with the rest.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRunOnce))]
public class OwnerCacheReleaseBenchmarks
{
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 27, 19, 0);

    private WorkloadSnapshot[] _answers = [];
    private OwnerCache _owners = null!;

    [Params(1_000, 10_000, 50_000)]
    public int HeldWorkloads { get; set; }

    [GlobalSetup]
    public void Answers() =>
        _answers = [.. Enumerable.Range(0, HeldWorkloads).Select(i => Snapshot(Deployment(i), i))];

    // The night: each held ReplicaSet's entry was set from its copy, then let go of it at the stop; the weekend's sweeps
    // kept them (held); the morning's sweep begins.
    [IterationSetup]
    public void Night()
    {
        _owners = new OwnerCache(Duration.FromMinutes(5));
        _owners.BeginSweep(Evening);
        for (var i = 0; i < HeldWorkloads; i++)
        {
            var deployment = Deployment(i);
            foreach (var uid in ReplicaSetUids(i))
            {
                _owners.Set(uid, new ReplicaSetCopy(deployment, ObjectUid.Of(WorkloadUid(i)), "3", 2, SmallDictionary.Empty));
                _owners.Held(uid);
            }
        }

        _owners.BeginSweep(Evening + Duration.FromHours(60));
        _owners.EvictUnseen(_ => true);
        _owners.BeginSweep(Evening + Duration.FromHours(60));
    }

    [Benchmark(Description = "Release every held workload")]
    public int ReleaseAll()
    {
        foreach (var answer in _answers)
        {
            _owners.Released(answer);
        }

        return _owners.Count;
    }

    // Names built at run time, as the watch's and the patch answers' JSON are each decoded into strings of their own:
    // the cache's entries and the answers never share an instance, so every comparison reads the characters.
    private static WorkloadRef Deployment(int i) => new(WorkloadKind.Deployment, string.Concat("team-", (i / 200).ToString("D4")), string.Concat("app-", i.ToString("D6")));

    private static WorkloadSnapshot Snapshot(WorkloadRef deployment, int i) =>
        new(deployment, ObjectUid.Of(WorkloadUid(i)), "90", 2, new WorkloadMetadata(null, null), false, PodResources.None);

    private static IEnumerable<string> ReplicaSetUids(int i) =>
        i % 10 == 0 ? [Uid(i, 1), Uid(i, 2)] : [Uid(i, 1)];

    private static string WorkloadUid(int i) => Uid(i, 0);

    private static string Uid(int i, int replicaSet) => new Guid(i, (short)replicaSet, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 1).ToString();

    // In-process like the other micro-benchmarks; one invocation per iteration, as each needs a cache filled afresh
    // (a release leaves its entries as read, which would make a second one cheaper than the morning's).
    private sealed class InProcessShortRunOnce : ManualConfig
    {
        public InProcessShortRunOnce() =>
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithInvocationCount(1).WithUnrollFactor(1).WithStrategy(RunStrategy.Monitoring));
    }
}

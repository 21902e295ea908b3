using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Sweeper.Planning;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Tests.Watching;

/// <summary>
/// What a kept read and the watch's view of a StatefulSet or Rollout say it is now (<see cref="KeptReads.Combine"/>):
/// the stop pass decides from it without reading, or reads when it is null.
/// </summary>
public class KeptReadsTests
{
    private static readonly WorkloadRef Db = new(WorkloadKind.StatefulSet, "shop", "db");

    [Theory]
    [InlineData("the same generation: the read's spec, the rest as watched", "uid-db", 4L, "100", "uid-db", 4L, "130", "merged")]
    [InlineData("the watch not yet at the sweeper's own write: the read, whole", "uid-db", 5L, "140", "uid-db", 4L, "130", "read")]
    [InlineData("a spec changed since the read", "uid-db", 4L, "100", "uid-db", 5L, "150", "none")]
    [InlineData("another object of the same name", "uid-db", 4L, "100", "uid-new", 4L, "160", "none")]
    [InlineData("no generation, the very version read", "uid-db", null, "100", "uid-db", null, "100", "merged")]
    [InlineData("no generation, another version", "uid-db", null, "100", "uid-db", null, "130", "none")]
    [InlineData("a generation read, none watched", "uid-db", 4L, "100", "uid-db", null, "100", "none")]
    public void A_kept_read_stands_for_the_workload_only_as_far_as_the_watch_allows(
        string because, string readUid, long? readGeneration, string readVersion, string watchedUid, long? watchedGeneration, string watchedVersion, string expected)
    {
        var read = Snapshot(readUid, readGeneration, readVersion, replicas: 3, annotations: new() { ["team"] = "read" });
        var watched = Snapshot(watchedUid, watchedGeneration, watchedVersion, replicas: null, annotations: new() { ["team"] = "watched" });

        var current = KeptReads.Combine(read, watched);

        switch (expected)
        {
            case "merged":
                current.ShouldNotBeNull(because);
                current.Replicas.ShouldBe(3, because);
                current.ResourceVersion.ShouldBe(watchedVersion, because);
                current.Metadata.ShouldBeSameAs(watched.Metadata, because);
                break;
            case "read":
                current.ShouldBeSameAs(read, because);
                break;
            default:
                current.ShouldBeNull(because);
                break;
        }
    }

    private static WorkloadSnapshot Snapshot(string uid, long? generation, string version, int? replicas, Dictionary<string, string> annotations) =>
        new(Db, uid, version, replicas, new WorkloadMetadata(annotations, null), false, PodResources.None) { Generation = generation };
}

using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// The snapshot keeps what only some kinds carry (a CronJob's suspend, a Job's CronJob and finish, the selectors'
/// labels) apart from the rest, and its generation without a nullable's flag: each reads back as it was set, and a
/// snapshot compares equal to another with the same values however either was made.
/// </summary>
public class WorkloadSnapshotTests
{
    private static readonly WorkloadSnapshot Plain = Pods.Deployment("shop", "web", 2);

    [Fact]
    public void A_plain_snapshot_carries_none_of_the_optional_fields()
    {
        (Plain.Suspend, Plain.Finished, Plain.Labels, Plain.CronJob).ShouldBe((null, false, null, null));
    }

    [Fact]
    public void Each_optional_field_reads_back_as_set_and_leaves_the_others_as_they_were()
    {
        var labels = new Dictionary<string, string> { ["team"] = "a" };

        var job = Plain with { Suspend = true, CronJob = "nightly", Finished = true, Labels = labels };

        (job.Suspend, job.Finished, job.Labels, job.CronJob).ShouldBe((true, true, labels, "nightly"));
        (job with { Suspend = false }).ShouldSatisfyAllConditions(
            changed => changed.Suspend.ShouldBe(false),
            changed => changed.CronJob.ShouldBe("nightly"),
            changed => changed.Finished.ShouldBeTrue(),
            changed => changed.Labels.ShouldBeSameAs(labels));
        Plain.Suspend.ShouldBeNull("a with-expression leaves its source as it was");
    }

    [Fact]
    public void Optional_fields_set_back_to_their_defaults_compare_equal_to_a_snapshot_that_never_had_them()
    {
        var cleared = Plain with { Suspend = true, CronJob = "nightly" } with { Suspend = null, CronJob = null };

        cleared.ShouldBe(Plain);
        cleared.GetHashCode().ShouldBe(Plain.GetHashCode());
        (Plain with { Suspend = false }).ShouldNotBe(Plain, "false is a value, not the absence of one");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1L)]
    [InlineData(long.MaxValue)]
    public void The_generation_reads_back_as_set(long? generation)
    {
        (Plain with { Generation = generation }).Generation.ShouldBe(generation);
    }

    [Fact]
    public void A_generation_of_zero_which_the_API_server_never_gives_reads_as_unknown()
    {
        // Unknown sends the sweeper to read the workload again: the safe side of "the same generation, the same spec".
        (Plain with { Generation = 0 }).Generation.ShouldBeNull();
    }

    [Fact]
    public void A_snapshot_names_its_optional_fields_when_printed()
    {
        var text = (Plain with { CronJob = "nightly", Generation = 7 }).ToString();

        text.ShouldContain("CronJob = nightly");
        text.ShouldContain("Generation = 7");
        text.ShouldContain($"Ref = {new WorkloadRef(WorkloadKind.Deployment, "shop", "web")}");
    }
}

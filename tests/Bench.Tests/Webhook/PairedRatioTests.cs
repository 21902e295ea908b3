using Tarnfui.Bench.Scenarios;
using Tarnfui.Bench.Webhook;

namespace Tarnfui.Bench.Tests.Webhook;

/// <summary>The webhook scenario's ratios: each round's figure over the reference's in the same round, the median of those.</summary>
public sealed class PairedRatioTests
{
    public static TheoryData<string, double[], double[], double> Rounds => new()
    {
        { "the same in every round", [30, 30, 30], [40, 40, 40], 0.75 },
        // The machine slows down after two rounds, both endpoints with it: every round's ratio is 0.8.
        { "a change of speed between rounds", [36, 36, 24, 24, 24], [45, 45, 30, 30, 30], 0.8 },
        { "an odd round out", [30, 30, 10, 30], [40, 40, 40, 40], 0.75 },
    };

    [Theory, MemberData(nameof(Rounds))]
    public void The_ratio_is_the_median_of_the_rounds_ratios(string because, double[] figures, double[] reference, double expected) =>
        WebhookLoad.PairedRatio(figures, reference).ShouldBe(expected, 1e-9, because);

    // The rounds of one run of the scenario in which the machine's speed changed within two rounds (the bare endpoint
    // at about 42,000 admissions/s in rounds 2 to 5, 31,000 to 33,000 in the others, the webhook slower in round 5 than
    // in round 4): the ratio of the two medians took fast bare rounds against slow webhook ones.
    [Fact]
    public void A_change_of_speed_within_rounds_moves_the_ratio_of_the_medians_and_not_this_one()
    {
        double[] bare = [31_249, 42_056, 42_372, 44_118, 41_520, 31_254, 31_491, 33_225, 33_431, 32_419];
        double[] webhook = [30_718, 33_355, 32_227, 33_093, 29_071, 27_137, 27_170, 26_335, 26_637, 27_958];

        WebhookLoad.PairedRatio(webhook, bare).ShouldBe(0.795, 0.005);
        (Medians.Of(webhook) / Medians.Of(bare)).ShouldBe(0.856, 0.005);
    }

    [Fact]
    public void Rounds_that_do_not_pair_up_are_refused() =>
        Should.Throw<ArgumentException>(() => WebhookLoad.PairedRatio([1, 2], [1]));
}

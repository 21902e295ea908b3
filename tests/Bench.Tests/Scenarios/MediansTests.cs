using Tarnfui.Bench.Scenarios;

namespace Tarnfui.Bench.Tests.Scenarios;

/// <summary>The median every scenario reports of its repeated runs and rounds.</summary>
public sealed class MediansTests
{
    public static TheoryData<string, double[], double> Values => new()
    {
        { "one value", [7], 7 },
        { "an odd count, unsorted", [3, 1, 2], 2 },
        { "an even count: the mean of the middle two", [4, 1, 3, 2], 2.5 },
        { "one slow run moves it less than a mean", [10, 10, 10, 1000], 10 },
    };

    [Theory, MemberData(nameof(Values))]
    public void The_median_is_the_middle_value(string because, double[] values, double expected) =>
        Medians.Of(values).ShouldBe(expected, because);

    [Fact]
    public void Durations_have_the_median_of_their_ticks() =>
        Medians.Of([TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(20)])
            .ShouldBe(TimeSpan.FromMilliseconds(17.5));

    [Fact]
    public void No_values_have_no_median() =>
        Should.Throw<ArgumentException>(() => Medians.Of(Array.Empty<double>()));
}

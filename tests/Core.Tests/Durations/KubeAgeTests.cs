using NodaTime;
using Tarnfui.Core.Durations;

namespace Tarnfui.Core.Tests.Durations;

public class KubeAgeTests
{
    public static TheoryData<string, long, string> Ages => new()
    {
        { "now", 0, "0s" },
        { "seconds under two minutes", 119_000, "119s" },
        { "a fraction of a second is dropped", 119_999, "119s" },
        { "minutes and seconds under ten minutes", ((5 * 60) + 7) * 1000L, "5m7s" },
        { "whole minutes under ten minutes", 5 * 60 * 1000L, "5m" },
        { "minutes under three hours", 179 * 60 * 1000L, "179m" },
        { "hours and minutes under eight hours", ((3 * 3600) + (20 * 60)) * 1000L, "3h20m" },
        { "whole hours under eight hours", 3 * 3600 * 1000L, "3h" },
        { "hours under two days", 47 * 3600 * 1000L, "47h" },
        { "days and hours under eight days", ((3 * 86_400) + (5 * 3600)) * 1000L, "3d5h" },
        { "whole days under eight days", 3 * 86_400 * 1000L, "3d" },
        { "days under two years", 400 * 86_400 * 1000L, "400d" },
        { "years and days under eight years", ((2 * 365) + 3) * 86_400 * 1000L, "2y3d" },
        { "whole years under eight years", 2 * 365 * 86_400 * 1000L, "2y" },
        { "years from eight on", ((9 * 365) + 100) * 86_400 * 1000L, "9y" },
        { "a second in the future, by clock skew", -1_000, "0s" },
        { "under two seconds in the future truncates to one", -1_900, "0s" },
        { "two seconds in the future", -2_000, "<invalid>" },
        { "the future", -60_000, "<invalid>" },
    };

    [Theory, MemberData(nameof(Ages))]
    public void Age_matches_kubectls_human_duration(string because, long milliseconds, string expected) =>
        KubeAge.Format(Duration.FromMilliseconds(milliseconds)).ShouldBe(expected, because);
}

using Tarnfui.Sweeper.Configuration;

namespace Tarnfui.Sweeper.Tests.Configuration;

public class SweeperOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid() =>
        new SweeperOptionsValidator().Validate(null, new SweeperOptions()).Succeeded.ShouldBeTrue();

    public static TheoryData<string, Action<SweeperOptions>, string> Cases => new()
    {
        { "negative interval", o => o.Interval = "-5s", "Sweeper:Interval must be positive, got \"-5s\"" },
        { "zero interval", o => o.Interval = "0s", "Sweeper:Interval must be positive, got \"0s\"" },
        { "words", o => o.Interval = "soon", "Sweeper:Interval must be a duration such as \"30s\", \"5m\" or \"250ms\", got \"soon\"" },
        { "renew not shorter than the lease", o => o.RenewDeadline = "20s", "Sweeper:RenewDeadline must be shorter than Sweeper:LeaseDuration (\"15s\"), got \"20s\"" },
        { "zero qps", o => o.Qps = 0, "Sweeper:Qps must be positive, got \"0\"" },
        { "zero burst", o => o.Burst = 0, "Sweeper:Burst must be at least 1, got \"0\"" },
        { "huge pages", o => o.PageSize = 50_000, "Sweeper:PageSize must be between 1 and 10000, got \"50000\"" },
        { "no attempts", o => o.MaxAttempts = 0, "Sweeper:MaxAttempts must be at least 1, got \"0\"" },
        { "owner cache entries that never live", o => o.OwnerCacheMaxAge = "0s", "Sweeper:OwnerCacheMaxAge must be positive, got \"0s\"" },
        { "owner cache age in words", o => o.OwnerCacheMaxAge = "a while", "Sweeper:OwnerCacheMaxAge must be a duration such as \"30s\", \"5m\" or \"250ms\", got \"a while\"" },
        { "a watch stale at once", o => o.WatchStaleAfter = "-1m", "Sweeper:WatchStaleAfter must be positive, got \"-1m\"" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Invalid_values_are_named_with_key_and_value(string because, Action<SweeperOptions> change, string message)
    {
        var options = new SweeperOptions();
        change(options);

        var result = new SweeperOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue(because);
        result.Failures.ShouldContain(message, because);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:02", 2_000)]
    public void Durations_read_as_written(string text, double milliseconds) =>
        DurationText.Parse(text).TotalMilliseconds.ShouldBe(milliseconds);
}

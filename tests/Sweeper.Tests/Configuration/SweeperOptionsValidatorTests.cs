using Tarnfui.Sweeper.Configuration;

namespace Tarnfui.Sweeper.Tests.Configuration;

public class SweeperOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid() =>
        new SweeperOptionsValidator().Validate(null, new SweeperOptions()).Succeeded.ShouldBeTrue();

    public static TheoryData<string, Action<SweeperOptions>, string> Cases => new()
    {
        { "negative interval", o => o.Interval = TimeSpan.FromSeconds(-5), "Sweeper:Interval must be positive, got \"-5s\"" },
        { "zero interval", o => o.Interval = TimeSpan.Zero, "Sweeper:Interval must be positive, got \"0s\"" },
        { "renew not shorter than the lease", o => o.RenewDeadline = TimeSpan.FromSeconds(20), "Sweeper:RenewDeadline must be shorter than Sweeper:LeaseDuration (\"15s\"), got \"20s\"" },
        { "retry not shorter than renew", o => o.RetryPeriod = TimeSpan.FromSeconds(90), "Sweeper:RetryPeriod must be shorter than Sweeper:RenewDeadline (\"10s\"), got \"1m30s\"" },
        { "zero qps", o => o.Qps = 0, "Sweeper:Qps must be positive, got \"0\"" },
        { "zero burst", o => o.Burst = 0, "Sweeper:Burst must be at least 1, got \"0\"" },
        { "huge pages", o => o.PageSize = 50_000, "Sweeper:PageSize must be between 1 and 10000, got \"50000\"" },
        { "no attempts", o => o.MaxAttempts = 0, "Sweeper:MaxAttempts must be at least 1, got \"0\"" },
        { "owner cache entries that never live", o => o.OwnerCacheMaxAge = TimeSpan.Zero, "Sweeper:OwnerCacheMaxAge must be positive, got \"0s\"" },
        { "a watch stale at once", o => o.WatchStaleAfter = TimeSpan.FromMinutes(-1), "Sweeper:WatchStaleAfter must be positive, got \"-1m\"" },
        { "discovery asked before every question", o => o.DiscoveryInterval = TimeSpan.Zero, "Sweeper:DiscoveryInterval must be positive, got \"0s\"" },
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
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Hosting;

namespace Tarnfui.Sweeper.Tests.Configuration;

/// <summary>The sweeper's options as <see cref="SweeperServices"/> binds them: durations in Go's syntax, read once.</summary>
public class SweeperOptionsBindingTests
{
    public static TheoryData<string, string, string, Func<SweeperOptions, TimeSpan>, double> Durations => new()
    {
        { "hours and minutes", "Interval", "1h30m", o => o.Interval, 5400 },
        { "milliseconds", "RetryBackoff", "250ms", o => o.RetryBackoff, 0.25 },
        { "a fraction", "OwnerCacheMaxAge", "1.5m", o => o.OwnerCacheMaxAge, 90 },
        { "the older .NET form", "RequestTimeout", "00:00:20", o => o.RequestTimeout, 20 },
        { "discovery's interval", "DiscoveryInterval", "10m", o => o.DiscoveryInterval, 600 },
    };

    [Theory, MemberData(nameof(Durations))]
    public void Durations_bind_as_written(string because, string key, string text, Func<SweeperOptions, TimeSpan> read, double seconds) =>
        read(Bind(($"Sweeper:{key}", text))).TotalSeconds.ShouldBe(seconds, because);

    [Fact]
    public void The_other_keys_still_bind() =>
        Bind(("Sweeper:PageSize", "200"), ("Sweeper:Interval", "1m")).PageSize.ShouldBe(200);

    public static TheoryData<string, string, string, string> Refused => new()
    {
        { "a unit Go lacks", "Interval", "1d", "Sweeper:Interval: \"1d\" is not a duration: unknown unit \"d\"" },
        { "a number without a unit", "WatchStaleAfter", "300", "Sweeper:WatchStaleAfter: \"300\" is not a duration: each number needs a unit" },
        { "words", "LeaseDuration", "a while", "Sweeper:LeaseDuration: \"a while\" is not a duration: " },
    };

    [Theory, MemberData(nameof(Refused))]
    public void A_value_that_is_no_duration_is_refused_naming_the_key_and_the_value(string because, string key, string text, string message)
    {
        var error = Should.Throw<OptionsValidationException>(() => Bind(($"Sweeper:{key}", text)), because);

        error.Message.ShouldStartWith(message, Case.Sensitive, because);
        error.Message.ShouldEndWith("write e.g. \"30s\", \"5m\" or \"1h30m\" (or the older \"00:00:30\")", Case.Sensitive, because);
    }

    private static SweeperOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSweeper().BuildServiceProvider();
        return services.GetRequiredService<IOptions<SweeperOptions>>().Value;
    }
}

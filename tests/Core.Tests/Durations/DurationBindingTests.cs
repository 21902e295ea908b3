using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Durations;

namespace Tarnfui.Core.Tests.Durations;

public class DurationBindingTests
{
    public sealed class TestOptions
    {
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

        public string Name { get; set; } = "default";
    }

    public static TheoryData<string, string, double> Settings => new()
    {
        { "Go's grammar", "1h30m", 5400 },
        { "a fraction", "1.5m", 90 },
        { "the older .NET form", "00:00:02", 2 },
        { "the older .NET form with days", "1.00:00:00", 86_400 },
    };

    [Theory, MemberData(nameof(Settings))]
    public void Durations_bind_from_configuration(string because, string text, double seconds) =>
        Bind(("Test:Interval", text)).Value.Interval.TotalSeconds.ShouldBe(seconds, because);

    [Fact]
    public void Other_keys_are_bound_by_the_given_binder_and_unset_durations_keep_their_defaults()
    {
        var options = Bind(("Test:Name", "bound"), ("Test:Interval", "5m")).Value;

        options.Name.ShouldBe("bound");
        options.Interval.ShouldBe(TimeSpan.FromMinutes(5));
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(2));
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "a unit Go lacks", "1d", "Test:Interval: \"1d\" is not a duration: unknown unit \"d\" (use ns, us, ms, s, m or h); write e.g. \"30s\", \"5m\" or \"1h30m\" (or the older \"00:00:30\")" },
        { "a number alone, which TimeSpan.Parse would take for days", "5", "Test:Interval: \"5\" is not a duration: " },
        { "empty", "", "Test:Interval: \"\" is not a duration: no number" },
        { "words", "soon", "Test:Interval: \"soon\" is not a duration: " },
    };

    [Theory, MemberData(nameof(Refused))]
    public void A_bad_duration_fails_naming_the_key_and_the_value(string because, string text, string message)
    {
        var error = Should.Throw<OptionsValidationException>(() => Bind(("Test:Interval", text)).Value, because);

        error.Failures.ShouldHaveSingleItem(because).ShouldStartWith(message, Case.Sensitive, because);
    }

    [Fact]
    public void Every_bad_duration_is_named_at_once()
    {
        var error = Should.Throw<OptionsValidationException>(() => Bind(("Test:Interval", "x"), ("Test:Timeout", "y")).Value);

        error.Failures.Select(f => f[..f.IndexOf(':', 5)]).ShouldBe(["Test:Interval", "Test:Timeout"]);
    }

    [Fact]
    public void The_given_binder_is_not_shown_the_durations_it_would_read_with_TimeSpan_Parse()
    {
        var shown = new List<string>();
        Bind((section, _) => shown.AddRange(section.GetChildren().Select(c => $"{c.Key}={section[c.Key]}").Append($"Interval={section["Interval"]}")), ("Test:Name", "n"), ("Test:Interval", "5m")).Value.ShouldNotBeNull();

        shown.ShouldBe(["Name=n", "Interval="]);
    }

    private static IOptions<TestOptions> Bind(params (string Key, string Value)[] settings) =>
        Bind(static (section, options) => options.Name = section["Name"] ?? options.Name, settings);

    private static IOptions<TestOptions> Bind(Action<IConfiguration, TestOptions> bindOthers, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<TestOptions>().BindConfigurationWithDurations("Test", bindOthers);
        return services.BuildServiceProvider().GetRequiredService<IOptions<TestOptions>>();
    }
}

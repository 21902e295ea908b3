using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Tests.Policy;

public class GlobalPolicyTests
{
    public static TheoryData<string, Action<ScheduleOptions>, string> InvalidOptions => new()
    {
        { "invalid uptime", o => o.Uptime = "Mon-Thur 09:00-20:00", "Schedule:Uptime: " },
        { "invalid downtime", o => o.Downtime = "sometimes", "Schedule:Downtime: " },
        { "unknown time zone", o => o.TimeZone = "Mars/Olympus", "Schedule:TimeZone" },
        { "invalid default weekframe", o => o.DefaultWeekframe = "Mon-Frii", "Schedule:TimeZone/DefaultWeekframe" },
        { "invalid holiday", o => o.Holidays.Add("Christmas"), "Schedule:Holidays:0: \"Christmas\"" },
        { "more holidays than a spec holds", o => AddDays(o, 101), "Schedule:Holidays: 101 entries: " },
        { "empty own namespace", o => o.OwnNamespace = " ", "Schedule:OwnNamespace" },
    };

    private static void AddDays(ScheduleOptions options, int days)
    {
        for (var day = 0; day < days; day++)
        {
            options.Holidays.Add(new NodaTime.LocalDate(2027, 1, 1).PlusDays(day).ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory, MemberData(nameof(InvalidOptions))]
    public void Invalid_options_name_the_key(string because, Action<ScheduleOptions> change, string expectedStart)
    {
        var options = new ScheduleOptions();
        change(options);
        var policy = GlobalPolicy.Create(options);
        policy.IsValid.ShouldBeFalse(because);
        policy.Error.ShouldContain(expectedStart, Case.Sensitive, because);
    }

    [Fact]
    public void Defaults_are_weekdays_seven_to_seven_in_UTC()
    {
        var policy = GlobalPolicy.Create(new ScheduleOptions()).Value;
        policy.Schedule.Uptime.Text.ShouldBe("Mon-Fri 07:00-19:00");
        policy.Schedule.Downtime.Text.ShouldBe("never");
        policy.TimeZone.Id.ShouldBe("UTC");
        policy.NeverTouchedNamespaces.ShouldBe(["kube-system", "kube-public", "kube-node-lease", WellKnown.Objects.Namespace], ignoreOrder: true);
    }

    [Fact]
    public void Configuration_binds_from_environment_style_keys_and_fails_fast_when_invalid()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Schedule:Uptime"] = "Mon-Fri 25:00-19:00",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddTarnfuiCore().BuildServiceProvider();

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ScheduleOptions>>().Value);
        failure.Message.ShouldContain("Schedule:Uptime: ");
    }

    [Fact]
    public void Configuration_gives_a_resolver_with_holidays_and_excluded_namespaces()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Schedule:TimeZone"] = "Europe/Paris",
            ["Schedule:Holidays:0"] = "2026-12-25",
            ["Schedule:ExcludedNamespaces:0"] = "legacy",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddTarnfuiCore().BuildServiceProvider();

        var resolver = provider.GetRequiredService<PolicyResolver>();
        resolver.Global.TimeZone.Id.ShouldBe("Europe/Paris");
        resolver.Global.ExcludedNamespaces.ShouldContain("legacy");
        resolver.Global.Holidays.Matches(NodaTime.Instant.FromUtc(2026, 12, 25, 12, 0)).ShouldBeTrue();
    }
}

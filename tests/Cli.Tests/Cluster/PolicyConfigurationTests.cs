using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Tests.Cluster;

public class PolicyConfigurationTests
{
    private static readonly string UptimeKey = $"{ScheduleOptions.Section}:{nameof(ScheduleOptions.Uptime)}";

    public static TheoryData<string, string, string> ConfigMapKeyForms => new()
    {
        { "environment variables as the manifests load them with envFrom", "TARNFUI_Schedule__Uptime", "Mon-Fri 08:00-18:00" },
        { "configuration keys with double underscores", "Schedule__Uptime", "Mon-Fri 08:00-18:00" },
        { "configuration keys with colons", "Schedule:Uptime", "Mon-Fri 08:00-18:00" },
    };

    [Theory, MemberData(nameof(ConfigMapKeyForms))]
    public void ConfigMap_keys_are_read_in_every_form_the_programs_read(string because, string key, string uptime)
    {
        var policy = PolicyConfiguration.Create(new Dictionary<string, string> { [key] = uptime }, PolicyOverrides.None);
        policy.Value.Schedule.Uptime.Text.ShouldBe(uptime, because);
    }

    [Fact]
    public void An_appsettings_document_in_the_ConfigMap_is_read_too()
    {
        var json = """{ "Schedule": { "TimeZone": "Europe/Berlin", "Holidays": [ "2026-12-25" ], "ExcludedNamespaces": [ "ci" ] } }""";
        var policy = PolicyConfiguration.Create(new Dictionary<string, string> { ["appsettings.json"] = json }, PolicyOverrides.None).Value;

        policy.TimeZone.Id.ShouldBe("Europe/Berlin");
        policy.ExcludedNamespaces.ShouldContain("ci");
        policy.Holidays.Text.ShouldNotBe("never");
    }

    [Fact]
    public void Without_a_ConfigMap_or_flags_the_sweepers_defaults_apply()
    {
        var policy = PolicyConfiguration.Create(null, PolicyOverrides.None).Value;
        var defaults = new ScheduleOptions();

        policy.Schedule.Uptime.Text.ShouldBe(defaults.Uptime);
        policy.Schedule.Downtime.Text.ShouldBe(defaults.Downtime);
        policy.TimeZone.Id.ShouldBe(defaults.TimeZone);
        policy.NeverTouchedNamespaces.ShouldContain(WellKnown.Objects.Namespace);
    }

    [Fact]
    public void Flags_override_the_ConfigMap_and_list_flags_replace_its_lists()
    {
        var configMap = new Dictionary<string, string>
        {
            ["TARNFUI_Schedule__Uptime"] = "Mon-Fri 08:00-18:00",
            ["TARNFUI_Schedule__ExcludedNamespaces__0"] = "ci",
            ["TARNFUI_Schedule__ExcludedNamespaces__1"] = "qa",
        };
        var overrides = new PolicyOverrides(new Dictionary<string, string> { [UptimeKey] = "Mon-Sun 00:00-24:00" }, null, ["staging"], "tarnfui-system");

        var policy = PolicyConfiguration.Create(configMap, overrides).Value;

        policy.Schedule.Uptime.Text.ShouldBe("Mon-Sun 00:00-24:00");
        policy.ExcludedNamespaces.ShouldBe(["staging"], ignoreOrder: true);
        policy.NeverTouchedNamespaces.ShouldContain("tarnfui-system");
    }

    [Fact]
    public void The_scope_and_the_selectors_are_read_from_the_ConfigMap_as_the_programs_read_them()
    {
        var configMap = new Dictionary<string, string>
        {
            ["TARNFUI_Scope__Namespaces__0"] = "a",
            ["TARNFUI_Scope__Namespaces__1"] = "b",
            ["TARNFUI_Policy__ExcludeSelector"] = "tier in (db)",
            ["TARNFUI_Schedule__ExcludedNamespaces__0"] = "team-*-ci",
        };

        var scope = PolicyConfiguration.Create(configMap, PolicyOverrides.None).Value.Scope;

        scope.Namespaces.ShouldBe(["a", "b"], ignoreOrder: true);
        scope.ExcludeSelector.ShouldNotBeNull().Text.ShouldBe("tier in (db)");
        scope.ExcludedBy("team-x-ci").ShouldNotBeNull();
    }

    [Fact]
    public void An_invalid_selector_in_the_ConfigMap_is_reported_with_its_key() =>
        PolicyConfiguration.Create(new Dictionary<string, string> { ["TARNFUI_Policy__IncludeSelector"] = "tier in db" }, PolicyOverrides.None)
            .Error.ShouldNotBeNull().ShouldStartWith("Policy:IncludeSelector: \"tier in db\" at position 9");

    [Fact]
    public void An_invalid_value_is_reported_with_its_key()
    {
        var policy = PolicyConfiguration.Create(new Dictionary<string, string> { ["TARNFUI_Schedule__TimeZone"] = "Mars/Olympus" }, PolicyOverrides.None);

        policy.IsValid.ShouldBeFalse();
        policy.Error.ShouldContain($"{ScheduleOptions.Section}:{nameof(ScheduleOptions.TimeZone)}");
    }

    [Fact]
    public void An_appsettings_document_that_is_not_json_is_reported()
    {
        var policy = PolicyConfiguration.Create(new Dictionary<string, string> { ["appsettings.json"] = "{ not json" }, PolicyOverrides.None);

        policy.IsValid.ShouldBeFalse();
        policy.Error.ShouldContain("appsettings.json");
    }
}

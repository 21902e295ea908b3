using Tarnfui.Core.Configuration;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Scope;

namespace Tarnfui.Core.Tests;

public class ConfigurationHelpTests
{
    [Theory]
    [InlineData("--help", true)]
    [InlineData("-h", true)]
    [InlineData("-?", true)]
    [InlineData("--once", false)]
    [InlineData("--Schedule:Uptime=always", false)]
    public void Help_is_requested_by_the_usual_flags(string argument, bool expected) =>
        ConfigurationHelp.IsRequested([argument]).ShouldBe(expected);

    [Fact]
    public void Help_lists_every_key_with_its_environment_form_and_default()
    {
        using var output = new StringWriter();
        ConfigurationHelp.Write(output, "tarnfui-test", "a test", [("--once", "one sweep")], OptionsSection.Of<ScheduleOptions>(ScheduleOptions.Section));

        var text = output.ToString();
        text.ShouldContain("--once");
        foreach (var property in typeof(ScheduleOptions).GetProperties())
        {
            text.ShouldContain($"Schedule:{property.Name}");
            text.ShouldContain($"TARNFUI_Schedule__{property.Name}");
        }

        text.ShouldContain("default \"Mon-Fri 07:00-19:00\"");
        text.ShouldContain("default []");
    }

    [Fact]
    public void Help_lists_the_policy_section_with_its_default()
    {
        using var output = new StringWriter();
        ConfigurationHelp.Write(output, "tarnfui-test", "a test", [], OptionsSection.Of<PolicyOptions>(PolicyOptions.Section));

        var text = output.ToString();
        text.ShouldContain("Policy:KubeDownscalerAnnotations");
        text.ShouldContain("TARNFUI_Policy__KubeDownscalerAnnotations");
        text.ShouldContain("default false");
    }

    [Fact]
    public void Help_prints_duration_defaults_in_the_syntax_they_are_written_in()
    {
        using var output = new StringWriter();
        ConfigurationHelp.Write(output, "tarnfui-test", "a test", [], OptionsSection.Of<Durations.DurationBindingTests.TestOptions>("Test"));

        output.ToString().ShouldContain("default 30s");
    }

    [Fact]
    public void Help_lists_the_scope_and_selector_keys()
    {
        using var output = new StringWriter();
        ConfigurationHelp.Write(output, "tarnfui-test", "a test", [], OptionsSection.Of<ScopeOptions>(ScopeOptions.Section), OptionsSection.Of<PolicyOptions>(PolicyOptions.Section));

        var text = output.ToString();
        text.ShouldContain("TARNFUI_Scope__Namespaces");
        text.ShouldContain("TARNFUI_Policy__ExcludeSelector");
        text.ShouldContain("TARNFUI_Policy__IncludeSelector");
    }
}

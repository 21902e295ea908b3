using Tarnfui.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Tarnfui.Deploy.Tests.Monitoring;

/// <summary>
/// The real <c>promtool</c> checks the alert rules (<c>check rules</c>) and runs their unit tests (<c>test rules</c>,
/// manifests/monitoring/tests), in which every alert fires in one case and stays silent in another.
/// </summary>
public sealed class PromtoolTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Promtool_checks_the_rules_of_the_prometheus_rule()
    {
        using var work = new TemporaryDirectory();
        var rules = AlertRules.WriteRulesFile(work.Path);

        var result = await ProcessRunner.RunAsync(PrometheusTools.Promtool, ["check", "rules", rules], Bound);

        result.ExitCode.ShouldBe(0, result.Describe("promtool check rules"));
        result.StandardOutput.ShouldContain($"SUCCESS: {AlertRules.All().Count} rules found", customMessage: result.Describe("promtool check rules"));
    }

    [Fact]
    public async Task Promtool_rejects_a_rule_whose_expression_does_not_parse()
    {
        using var work = new TemporaryDirectory();
        var broken = File.ReadAllText(AlertRules.ResourcePath).Replace("> 0\n", "> > 0\n", StringComparison.Ordinal);
        var rules = AlertRules.WriteRulesFile(broken, work.Path);

        var result = await ProcessRunner.RunAsync(PrometheusTools.Promtool, ["check", "rules", rules], Bound);

        result.ExitCode.ShouldNotBe(0, result.Describe("promtool check rules of a broken rule"));
    }

    [Fact]
    public async Task The_unit_tests_of_every_alert_pass()
    {
        var result = await TestRulesAsync(File.ReadAllText(AlertRules.ResourcePath));

        result.ExitCode.ShouldBe(0, result.Describe("promtool test rules"));
        result.StandardOutput.ShouldNotContain("FAILED");
    }

    [Fact]
    public async Task The_unit_tests_fail_when_an_alert_s_threshold_changes()
    {
        // The certificate alert at 7 days instead of 14: its firing case (10 days left) must no longer fire.
        var changed = File.ReadAllText(AlertRules.ResourcePath).Replace("< 14 * 24 * 3600", "< 7 * 24 * 3600", StringComparison.Ordinal);

        var result = await TestRulesAsync(changed);

        result.ExitCode.ShouldNotBe(0, result.Describe("promtool test rules with a changed threshold"));
        // promtool names the failing test and alert on stderr.
        result.StandardError.ShouldContain("alertname: TarnfuiWebhookCertificateExpiring", customMessage: result.Describe("promtool test rules"));
    }

    [Fact]
    public void Every_alert_has_a_firing_and_a_silent_case()
    {
        var cases = UnitTestCases();

        foreach (var alert in AlertRules.All().Select(rule => rule.Alert))
        {
            cases.ShouldContain(c => c.Alert == alert && c.Fires, $"{alert} has no unit test in which it fires");
            cases.ShouldContain(c => c.Alert == alert && !c.Fires, $"{alert} has no unit test in which it stays silent");
        }
    }

    private static async Task<ProcessResult> TestRulesAsync(string prometheusRuleYaml)
    {
        using var work = new TemporaryDirectory();
        AlertRules.WriteRulesFile(prometheusRuleYaml, work.Path);
        var tests = Directory.GetFiles(AlertRules.UnitTestsFolder, "*.yaml").Order(StringComparer.Ordinal).ToList();
        tests.ShouldNotBeEmpty();
        foreach (var test in tests)
        {
            File.Copy(test, Path.Combine(work.Path, Path.GetFileName(test)));
        }

        return await ProcessRunner.RunAsync(PrometheusTools.Promtool, ["test", "rules", .. tests.Select(Path.GetFileName).OfType<string>()], Bound, workingDirectory: work.Path);
    }

    // Each alert_rule_test of every unit test file: the alert it evaluates and whether it expects it to fire.
    private static List<(string Alert, bool Fires)> UnitTestCases()
    {
        var cases = new List<(string Alert, bool Fires)>();
        foreach (var file in Directory.GetFiles(AlertRules.UnitTestsFolder, "*.yaml"))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            var root = (YamlMappingNode)stream.Documents.ShouldHaveSingleItem().RootNode;
            ((YamlSequenceNode)root["rule_files"]).Select(node => ((YamlScalarNode)node).Value).ShouldBe([AlertRules.RulesFileName], file);
            foreach (var test in ((YamlSequenceNode)root["tests"]).Cast<YamlMappingNode>())
            {
                foreach (var evaluation in ((YamlSequenceNode)test["alert_rule_test"]).Cast<YamlMappingNode>())
                {
                    var alert = ((YamlScalarNode)evaluation["alertname"]).Value!;
                    cases.Add((alert, ((YamlSequenceNode)evaluation["exp_alerts"]).Children.Count > 0));
                }
            }
        }

        return cases;
    }
}

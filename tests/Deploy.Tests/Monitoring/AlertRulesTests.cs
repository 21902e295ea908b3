using System.Text.RegularExpressions;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Monitoring;

/// <summary>
/// Every alert tells the one paged what it is and where its runbook is: a severity, a summary, a description, and a
/// runbook_url whose anchor is one of the alert entries of docs/operations.md, "Alerts". The chart renders the same
/// rules from its copy of the file.
/// </summary>
public sealed partial class AlertRulesTests
{
    private const string RunbookPrefix = "https://github.com/tarnfui/tarnfui/blob/main/docs/operations.md#";

    public static TheoryData<string> Alerts => new(AlertRules.All().Select(rule => rule.Alert));

    [Theory, MemberData(nameof(Alerts))]
    public void The_alert_has_a_severity_a_summary_a_description_and_a_runbook_in_the_operations_guide(string alert)
    {
        var rule = AlertRules.All().Single(r => r.Alert == alert);

        rule.Labels["severity"].ShouldBeOneOf("critical", "warning");
        rule.Annotations.Keys.ShouldBe(["summary", "description", "runbook_url"], ignoreOrder: true);
        rule.Annotations.Values.ShouldAllBe(text => !string.IsNullOrWhiteSpace(text));
        rule.Annotations["runbook_url"].ShouldStartWith(RunbookPrefix);
        var anchor = rule.Annotations["runbook_url"][RunbookPrefix.Length..];
        anchor.ShouldBe(alert.ToLowerInvariant(), "one entry per alert, named after it");
        AlertAnchors().ShouldContain(anchor, "docs/operations.md, \"Alerts\", has no heading for this runbook_url");
    }

    [Fact]
    public void Every_alert_entry_of_the_operations_guide_is_an_alert_of_the_rules()
    {
        AlertAnchors().ShouldBe(AlertRules.All().Select(rule => rule.Alert.ToLowerInvariant()), ignoreOrder: true);
    }

    [Fact]
    public void The_charts_rules_are_the_ones_of_the_kustomize_monitoring()
    {
        File.ReadAllText(Path.Combine(HelmChart.Folder, "rules", "prometheusrule.yaml"))
            .ShouldBe(File.ReadAllText(AlertRules.ResourcePath),
                "copy manifests/monitoring/prometheusrule.yaml to charts/tarnfui/rules/ (helm reads no file outside the chart)");
    }

    // The anchors GitHub gives the level-3 headings of the "Alerts" section: lower case, punctuation dropped, spaces
    // turned into hyphens.
    private static List<string> AlertAnchors()
    {
        var lines = File.ReadAllLines(Repository.PathOf("docs", "operations.md"));
        var section = lines.SkipWhile(line => line != "## Alerts").Skip(1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal)).ToList();
        section.ShouldNotBeEmpty("docs/operations.md has a section \"## Alerts\"");
        return section.Where(line => line.StartsWith("### ", StringComparison.Ordinal))
            .Select(line => Punctuation().Replace(line[4..].Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-'))
            .ToList();
    }

    [GeneratedRegex(@"[^a-z0-9 _-]")]
    private static partial Regex Punctuation();
}

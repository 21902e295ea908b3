using Tarnfui.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Tarnfui.Deploy.Tests.Monitoring;

/// <summary>
/// The alert rules of manifests/monitoring/prometheusrule.yaml: as typed objects (loaded strictly), and as the plain
/// Prometheus rules file promtool and prometheus read (its <c>spec.groups</c> under <c>groups</c>, strings untouched).
/// </summary>
internal static class AlertRules
{
    /// <summary>The name the unit tests in manifests/monitoring/tests give in their rule_files.</summary>
    public const string RulesFileName = "tarnfui.rules.yaml";

    public static string ResourcePath => Repository.PathOf("manifests", "monitoring", "prometheusrule.yaml");

    public static string UnitTestsFolder => Repository.PathOf("manifests", "monitoring", "tests");

    public static List<AlertingRule> All() =>
        RenderedManifests.Load(File.ReadAllText(ResourcePath)).All<PrometheusRule>().ShouldHaveSingleItem()
            .Spec.Groups.SelectMany(group => group.Rules).ToList();

    /// <summary>Writes the rules file into <paramref name="folder"/> and returns its path.</summary>
    public static string WriteRulesFile(string folder) => WriteRulesFile(File.ReadAllText(ResourcePath), folder);

    public static string WriteRulesFile(string prometheusRuleYaml, string folder)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(prometheusRuleYaml));
        var resource = (YamlMappingNode)stream.Documents.ShouldHaveSingleItem().RootNode;
        var groups = ((YamlMappingNode)resource["spec"])["groups"];
        var path = Path.Combine(folder, RulesFileName);
        using (var writer = new StreamWriter(path))
        {
            new YamlStream(new YamlDocument(new YamlMappingNode(new YamlScalarNode("groups"), groups))).Save(writer, assignAnchors: false);
        }

        return path;
    }
}
